using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>Everything that fixes the network's architecture, resolved from the options and the data's schema.</summary>
/// <param name="Embeddings">Per categorical column: rows (key count + 1 for the missing slot) and width.</param>
/// <param name="ContinuousWidth">Number of continuous features (a vector column counts its size).</param>
/// <param name="Layers">Hidden layer sizes.</param>
/// <param name="Dropouts">Dropout after each hidden layer.</param>
/// <param name="EmbeddingDropout">Dropout on the concatenated embeddings.</param>
/// <param name="UseBatchNorm">BatchNorm on the continuous inputs and after each hidden layer.</param>
/// <param name="BFloat16Linears">Hidden layers' matrix products in bfloat16.</param>
/// <param name="YRange">Output range of the scaled sigmoid, if any.</param>
/// <param name="Outputs">Output width: 1 for regression and binary, the class count for multiclass.</param>
internal sealed record TabularShape(
    IReadOnlyList<(long Cardinality, int Width)> Embeddings,
    int ContinuousWidth,
    IReadOnlyList<int> Layers,
    IReadOnlyList<double> Dropouts,
    double EmbeddingDropout,
    bool UseBatchNorm,
    bool BFloat16Linears,
    (float Min, float Max)? YRange,
    int Outputs)
{
    /// <summary>Trainable parameters: embedding tables, linear weights and biases, BatchNorm scales and shifts.</summary>
    public long Parameters
    {
        get
        {
            long total = Embeddings.Sum(e => e.Cardinality * e.Width);
            long width = Embeddings.Sum(e => e.Width) + ContinuousWidth;
            if (UseBatchNorm) total += 2L * ContinuousWidth;
            foreach (var layer in Layers)
            {
                total += width * layer + (UseBatchNorm ? 2L * layer : layer);
                width = layer;
            }
            return total + width * Outputs + Outputs;
        }
    }

    /// <summary>
    /// Bytes training holds for the parameters: float32 weights, gradients and AdamW's two moments (16 bytes each),
    /// before activations, which grow with the batch and are small beside a large embedding.
    /// </summary>
    public long TrainingBytes => Parameters * 16;

    /// <summary>The architecture the options ask for on data with <paramref name="columns"/>.</summary>
    public static TabularShape For(TabularColumns columns, TabularNetOptions options)
    {
        var embeddings = columns.Categorical.Select(c =>
        {
            var rows = (long)c.KeyCount + 1;
            var width = options.EmbeddingSizes?.GetValueOrDefault(c.Name) is > 0 and var given ? given : EmbeddingSizeRule.For(rows);
            return (rows, width);
        }).ToArray();
        var dropouts = options.Layers.Select((_, i) => options.Dropouts is { } ps && i < ps.Count ? ps[i] : 0).ToArray();
        var outputs = columns.Task == TabularNetTask.MulticlassClassification ? (int)columns.ClassCount : 1;
        return new TabularShape(embeddings, columns.ContinuousWidth, options.Layers, dropouts, options.EmbeddingDropout,
            options.UseBatchNorm, options.BFloat16Linears, options.YRange, outputs);
    }
}
