namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>Rejects shared training options that cannot train, naming the trainer and the option.</summary>
internal static class FitOneCycleCheck
{
    public static void Validate(OneCycleOptions options, string trainer)
    {
        Require(options.Epochs >= 1, trainer, nameof(options.Epochs), "must be at least 1");
        Require(options.BatchSize >= 2, trainer, nameof(options.BatchSize), "must be at least 2 (BatchNorm needs two rows)");
        Require(options.MaxLearningRate > 0 && double.IsFinite(options.MaxLearningRate), trainer, nameof(options.MaxLearningRate), "must be positive");
        Require(options.WarmupFraction is > 0 and < 1, trainer, nameof(options.WarmupFraction), "must be in (0, 1)");
        Require(options.InitialDivisor >= 1 && options.FinalDivisor >= 1, trainer, nameof(options.FinalDivisor), "divisors must be at least 1");
        Require(options.MinMomentum is >= 0 and < 1 && options.MaxMomentum is >= 0 and < 1, trainer, nameof(options.MaxMomentum), "momentums must be in [0, 1)");
        Require(options.WeightDecay >= 0, trainer, nameof(options.WeightDecay), "must not be negative");
        Require(options.Threads is null or >= 1, trainer, nameof(options.Threads), "must be at least 1");
    }

    public static void Require(bool condition, string trainer, string option, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(option, $"{trainer}: {option} {rule}.");
    }
}
