using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.TorchSharp;

/// <summary>Rejects option values that cannot train, naming the option.</summary>
internal static class TabularNetOptionsCheck
{
    public static void Validate(TabularNetOptions options, TabularNetTask task)
    {
        FitOneCycleCheck.Validate(options, "TabularNet");
        Require(options.Layers.All(l => l > 0), nameof(options.Layers), "every layer size must be positive");
        Require(options.Dropouts?.All(p => p is >= 0 and < 1) ?? true, nameof(options.Dropouts), "dropouts must be in [0, 1)");
        // fastai zips ps with the layers and drops the extra ones silently; a dropout with no layer is a typo here.
        Require((options.Dropouts?.Count ?? 0) <= options.Layers.Count, nameof(options.Dropouts),
            $"has {options.Dropouts?.Count} values but Layers has {options.Layers.Count}: at most one dropout per layer");
        Require(options.EmbeddingDropout is >= 0 and < 1, nameof(options.EmbeddingDropout), "must be in [0, 1)");
        Require(options.YRange is null || options.YRange.Value.Min < options.YRange.Value.Max, nameof(options.YRange), "Min must be below Max");
        Require(task == TabularNetTask.Regression || (!options.LogTarget && options.YRange is null), nameof(options.LogTarget),
            "LogTarget and YRange apply to regression only");
    }

    private static void Require(bool condition, string option, string rule) =>
        FitOneCycleCheck.Require(condition, "TabularNet", option, rule);
}
