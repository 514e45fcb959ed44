using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Onnx;

/// <summary>A cursor of <see cref="BatchedOnnxDataView"/>: the input's rows, with the graph's outputs scored a batch ahead.</summary>
internal sealed class BatchedOnnxCursor : DataViewRowCursor
{
    private readonly OnnxBinding _binding;
    private readonly DataViewRowCursor _rows;
    private readonly DataViewRowCursor? _ahead;
    private readonly OnnxBatch? _batch;
    private readonly HashSet<int> _activeOutputs;
    private int _slot;
    private int _filled;

    public BatchedOnnxCursor(IDataView input, OnnxBinding binding, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        _binding = binding;
        var needed = columnsNeeded.ToList();
        _activeOutputs = [.. needed.Where(c => binding.PassedThrough(c) is null).Select(c => c.Index)];
        _rows = input.GetRowCursor(needed.Select(binding.PassedThrough).OfType<DataViewSchema.Column>());
        if (_activeOutputs.Count > 0)
        {
            _ahead = input.GetRowCursor(binding.Inputs.Select(c => c.Column));
            _batch = new OnnxBatch(binding, _ahead, binding.BatchRows);
        }
    }

    public override long Position => _rows.Position;

    public override long Batch => _rows.Batch;

    public override DataViewSchema Schema => _binding.Output;

    public override bool MoveNext()
    {
        if (!_rows.MoveNext()) return false;
        if (_batch is null) return true;
        if (++_slot < _filled) return true;
        _slot = 0;
        _filled = 0;
        while (_filled < _binding.BatchRows && _ahead!.MoveNext()) _batch.Read(_filled++);
        if (_filled == 0)
            throw new InvalidOperationException("The input gave a second cursor fewer rows than the first: batched scoring needs an input whose cursors see the same rows.");
        _batch.Score(_filled);
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _binding.IsActive(column, _rows, _activeOutputs);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        _binding.Getter<TValue>(column, _rows, _activeOutputs, _batch, () => _slot);

    public override ValueGetter<DataViewRowId> GetIdGetter() => _rows.GetIdGetter();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows.Dispose();
            _ahead?.Dispose();
            _batch?.Dispose();
        }
        base.Dispose(disposing);
    }
}
