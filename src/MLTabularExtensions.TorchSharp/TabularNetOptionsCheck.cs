namespace MLTabularExtensions.TorchSharp;

/// <summary>Rejects option values that cannot train, naming the option.</summary>
internal static class TabularNetOptionsCheck
{
    public static void Validate(TabularNetOptions options, TabularNetTask task)
    {
        Require(options.Layers.All(l => l > 0), nameof(options.Layers), "every layer size must be positive");
        Require(options.Dropouts?.All(p => p is >= 0 and < 1) ?? true, nameof(options.Dropouts), "dropouts must be in [0, 1)");
        Require(options.EmbeddingDropout is >= 0 and < 1, nameof(options.EmbeddingDropout), "must be in [0, 1)");
        Require(options.Epochs >= 1, nameof(options.Epochs), "must be at least 1");
        Require(options.BatchSize >= 2, nameof(options.BatchSize), "must be at least 2 (BatchNorm needs two rows)");
        Require(options.MaxLearningRate > 0 && double.IsFinite(options.MaxLearningRate), nameof(options.MaxLearningRate), "must be positive");
        Require(options.WarmupFraction is > 0 and < 1, nameof(options.WarmupFraction), "must be in (0, 1)");
        Require(options.InitialDivisor >= 1 && options.FinalDivisor >= 1, nameof(options.FinalDivisor), "divisors must be at least 1");
        Require(options.MinMomentum is >= 0 and < 1 && options.MaxMomentum is >= 0 and < 1, nameof(options.MaxMomentum), "momentums must be in [0, 1)");
        Require(options.WeightDecay >= 0, nameof(options.WeightDecay), "must not be negative");
        Require(options.Threads is null or >= 1, nameof(options.Threads), "must be at least 1");
        Require(options.YRange is null || options.YRange.Value.Min < options.YRange.Value.Max, nameof(options.YRange), "Min must be below Max");
        Require(task == TabularNetTask.Regression || (!options.LogTarget && options.YRange is null), nameof(options.LogTarget),
            "LogTarget and YRange apply to regression only");
    }

    private static void Require(bool condition, string option, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(option, $"TabularNet: {option} {rule}.");
    }
}
