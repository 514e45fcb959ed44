using Microsoft.ML;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// The input with the graph's output columns added, scored a batch at a time as a cursor reaches them. A cursor reads
/// the graph's inputs through a second cursor on the input that runs up to one batch ahead, so the columns passed
/// through are never buffered; both see the input's rows in its own order, which is why this view does not shuffle.
/// </summary>
internal sealed class BatchedOnnxDataView(IDataView input, OnnxBinding binding) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => binding.Output;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new BatchedOnnxCursor(input, binding, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
