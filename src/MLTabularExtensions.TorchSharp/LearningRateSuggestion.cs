namespace MLTabularExtensions.TorchSharp;

/// <summary>fastai's suggestion from a learning-rate finder curve (<see cref="TabularNetTrainer.FindLearningRate"/>).</summary>
public static class LearningRateSuggestion
{
    /// <summary>
    /// fastai 2's default, <c>valley</c>: leaving out the first 10 % and the last 5 points, as its <c>lr_find</c> does,
    /// find the longest stretch over which the loss keeps falling and take the rate two-thirds of the way down it —
    /// past the flat start, before the minimum where the loss is about to explode.
    /// </summary>
    /// <param name="curve">Learning rates in increasing order with their smoothed losses.</param>
    public static double Valley(IReadOnlyList<(double LearningRate, double Loss)> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var skip = curve.Count / 10;
        var points = curve.Skip(skip).Take(Math.Max(0, curve.Count - skip - 5)).ToArray();
        if (points.Length < 2)
            throw new ArgumentException($"The curve has {curve.Count} points; a suggestion needs at least {skip + 7} (run the finder for more steps).", nameof(curve));
        // The longest decreasing subsequence ending at each point; the valley's start is taken, as in fastai, when
        // its end first moves (inside the inner loop), so the suggestion is fastai's to the point.
        var length = Enumerable.Repeat(1, points.Length).ToArray();
        int start = 0, end = 0;
        for (var i = 1; i < points.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (points[i].Loss < points[j].Loss && length[i] < length[j] + 1) length[i] = length[j] + 1;
                if (length[end] < length[i])
                {
                    end = i;
                    start = end - length[end];
                }
            }
        }
        var sections = (end - start) / 3.0;
        return points[start + (int)sections + (int)(sections / 2)].LearningRate;
    }
}
