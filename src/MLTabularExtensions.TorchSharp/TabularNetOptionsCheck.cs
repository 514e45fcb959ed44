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
        Require(options.MaxParameters > 0, nameof(options.MaxParameters), "must be positive");
        Require(options.EmbeddingDropout is >= 0 and < 1, nameof(options.EmbeddingDropout), "must be in [0, 1)");
        Require(options.YRange is null || options.YRange.Value.Min < options.YRange.Value.Max, nameof(options.YRange), "Min must be below Max");
        Require(task == TabularNetTask.Regression || (!options.LogTarget && options.YRange is null), nameof(options.LogTarget),
            "LogTarget and YRange apply to regression only");
    }

    /// <summary>Refuses a network above <see cref="TabularNetOptions.MaxParameters"/>, before any tensor exists.</summary>
    public static void CheckSize(Model.TabularShape shape, TabularColumns columns, TabularNetOptions options)
    {
        var parameters = shape.Parameters;
        if (parameters <= options.MaxParameters) return;
        var largest = shape.Embeddings.Select((e, i) => (columns.Categorical[i].Name, e.Cardinality, e.Width))
            .OrderByDescending(e => e.Cardinality * e.Width).FirstOrDefault();
        var embedding = largest.Name is null ? ""
            : $" The largest embedding is '{largest.Name}': {largest.Cardinality:N0} rows (its levels + 1 for missing/unseen) × {largest.Width} = {largest.Cardinality * largest.Width:N0} parameters; cap its levels with MaxCategories (Categorify or TabularPreprocess) or give it a narrower width with EmbeddingSizes.";
        throw new InvalidOperationException(
            $"TabularNet: the network would have {parameters:N0} parameters, about {shape.TrainingBytes / 1e9:F1} GB to train (weights, gradients and AdamW's two moments, 4 bytes each), above MaxParameters = {options.MaxParameters:N0}.{embedding} Or raise MaxParameters if that much memory is meant.");
    }

    private static void Require(bool condition, string option, string rule) =>
        FitOneCycleCheck.Require(condition, "TabularNet", option, rule);
}
