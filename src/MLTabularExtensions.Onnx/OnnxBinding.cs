using Microsoft.ML;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// A graph bound to one input schema: the columns its inputs are read from, the output columns it fills (as the
/// built-in <c>OnnxTransformer</c> declares them), and the rows it scores per call.
/// </summary>
internal sealed record OnnxBinding(OnnxGraph Graph, DataViewSchema Input, DataViewSchema Output, int[] InputIndexes,
    OnnxColumn[] Inputs, OnnxColumn[] Outputs, int BatchRows)
{
    /// <summary>The input column an output-schema column passes through, or null for one the graph adds.</summary>
    public DataViewSchema.Column? PassedThrough(DataViewSchema.Column column) => InputIndexes[column.Index] is var i and >= 0 ? Input[i] : null;

    /// <summary>The index in <see cref="Outputs"/> of an output-schema column, or -1 for a column passed through.</summary>
    public int OutputIndex(DataViewSchema.Column column) => Array.FindIndex(Outputs, o => o.Column.Index == column.Index);
}
