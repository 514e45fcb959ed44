using Microsoft.ML;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// A graph bound to one input schema: the columns its inputs are read from, the output columns it fills (as the
/// built-in <c>OnnxTransformer</c> declares them), and the rows it scores per call.
/// </summary>
internal sealed record OnnxBinding(OnnxGraph Graph, DataViewSchema Input, DataViewSchema Output, int[] InputIndexes,
    OnnxColumn[] Inputs, OnnxColumn[] Outputs, int BatchRows)
{
    /// <summary>The graph's input names, in <see cref="Inputs"/>' order.</summary>
    public string[] InputNames { get; } = [.. Inputs.Select(c => c.Name)];

    /// <summary>The graph's output names, in <see cref="Outputs"/>' order.</summary>
    public string[] OutputNames { get; } = [.. Outputs.Select(c => c.Name)];

    /// <summary>The input column an output-schema column passes through, or null for one the graph adds.</summary>
    public DataViewSchema.Column? PassedThrough(DataViewSchema.Column column) => InputIndexes[column.Index] is var i and >= 0 ? Input[i] : null;

    /// <summary>The index in <see cref="Outputs"/> of an output-schema column, or -1 for a column passed through.</summary>
    public int OutputIndex(DataViewSchema.Column column) => Array.FindIndex(Outputs, o => o.Column.Index == column.Index);

    /// <summary>Whether a row over this binding's output has <paramref name="column"/> active.</summary>
    /// <param name="column">A column of <see cref="Output"/>.</param>
    /// <param name="source">The input row the outputs are computed from.</param>
    /// <param name="activeOutputs">Indexes of the graph's outputs the row was asked for.</param>
    public bool IsActive(DataViewSchema.Column column, DataViewRow source, HashSet<int> activeOutputs) =>
        PassedThrough(column) is { } passed ? source.IsColumnActive(passed) : activeOutputs.Contains(column.Index);

    /// <summary>The getter of <paramref name="column"/>: the input's own for a column passed through, else the batch's at <paramref name="slot"/>().</summary>
    public ValueGetter<TValue> Getter<TValue>(DataViewSchema.Column column, DataViewRow source, HashSet<int> activeOutputs, OnnxBatch? batch, Func<int> slot)
    {
        if (PassedThrough(column) is { } passed) return source.GetGetter<TValue>(passed);
        if (!activeOutputs.Contains(column.Index) || batch is null)
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor or row was made.");
        return batch.Getter<TValue>(OutputIndex(column), slot);
    }
}
