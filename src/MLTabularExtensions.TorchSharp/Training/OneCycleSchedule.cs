namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// fastai's one-cycle policy: learning rate rises from max/div to max over the warm-up, then falls to max/div_final,
/// both by cosine annealing; Adam's β1 moves the opposite way (max → min → max).
/// </summary>
internal sealed class OneCycleSchedule(OneCycleOptions options, long totalSteps)
{
    private readonly long _warmup = (long)Math.Round(options.WarmupFraction * totalSteps);

    public (double LearningRate, double Momentum) At(long step)
    {
        var max = options.MaxLearningRate;
        if (step < _warmup)
        {
            var p = (double)step / _warmup;
            return (Cosine(max / options.InitialDivisor, max, p), Cosine(options.MaxMomentum, options.MinMomentum, p));
        }
        var rest = totalSteps - _warmup;
        var q = rest <= 1 ? 1 : (double)(step - _warmup) / (rest - 1);
        return (Cosine(max, max / options.FinalDivisor, q), Cosine(options.MinMomentum, options.MaxMomentum, q));
    }

    private static double Cosine(double start, double end, double fraction) =>
        end + (start - end) / 2 * (Math.Cos(Math.PI * fraction) + 1);
}
