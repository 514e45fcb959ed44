namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>fastai's <c>accuracy</c>: the share of rows whose highest score is their label's (the first on ties).</summary>
internal static class ClassAccuracy
{
    /// <param name="scores">Row-major [rows, classes] scores or logits.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="labels">0-based class of each row.</param>
    public static double Of(ReadOnlySpan<float> scores, int classes, ReadOnlySpan<long> labels)
    {
        var correct = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var rowScores = scores.Slice(row * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++) if (rowScores[c] > rowScores[best]) best = c;
            if (best == labels[row]) correct++;
        }
        return (double)correct / labels.Length;
    }
}
