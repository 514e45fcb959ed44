using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// One graph input or output and the column it is read from or written to: the element type the two share, and the
/// values per row (the product of the graph's dimensions after the batch one).
/// </summary>
internal sealed record OnnxColumn(string Name, DataViewSchema.Column Column, Type ElementType, long[] RowShape)
{
    public int Width { get; } = checked((int)RowShape.Aggregate(1L, (a, b) => a * b));

    public bool IsVector => Column.Type is VectorDataViewType;

    /// <summary>
    /// The column behind a graph value, or null when batching cannot feed it: the first dimension must be the batch
    /// (-1), the rest fixed, and the column must hold exactly as many values of the graph's element type.
    /// </summary>
    public static OnnxColumn? Match(string name, Microsoft.ML.OnnxRuntime.NodeMetadata graph, DataViewSchema.Column column)
    {
        var dimensions = graph.Dimensions;
        if (dimensions.Length == 0 || dimensions[0] != -1 || dimensions.Skip(1).Any(d => d <= 0)) return null;
        long[] rowShape = [.. dimensions.Skip(1).Select(d => (long)d)];
        var (itemType, size) = column.Type is VectorDataViewType vector ? (vector.ItemType, vector.Size) : (column.Type, 1);
        if (itemType.RawType != graph.ElementType) return null;
        var match = new OnnxColumn(name, column, graph.ElementType, rowShape);
        return match.Width == size ? match : null;
    }
}
