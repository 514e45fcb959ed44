using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// The row-by-row form a PredictionEngine uses: each row's graph inputs are scored in a batch of one, once per row
/// position, through buffers made once per engine.
/// </summary>
internal sealed class BatchedOnnxRowMapper(OnnxBinding binding) : IRowToRowMapper
{
    public DataViewSchema InputSchema => binding.Input;

    public DataViewSchema OutputSchema => binding.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var columns = dependingColumns.ToList();
        var passed = columns.Select(binding.PassedThrough).OfType<DataViewSchema.Column>();
        return columns.Any(c => binding.PassedThrough(c) is null) ? passed.Concat(binding.Inputs.Select(i => i.Column)).Distinct() : passed;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new Row(input, binding, activeColumns.Where(c => binding.PassedThrough(c) is null).Select(c => c.Index).ToHashSet());

    private sealed class Row : DataViewRow
    {
        private readonly DataViewRow _input;
        private readonly OnnxBinding _binding;
        private readonly HashSet<int> _activeOutputs;
        private readonly OnnxBatch? _batch;
        private long _scoredAt = -1;

        public Row(DataViewRow input, OnnxBinding binding, HashSet<int> activeOutputs)
        {
            _input = input;
            _binding = binding;
            _activeOutputs = activeOutputs;
            if (activeOutputs.Count > 0) _batch = new OnnxBatch(binding, input, 1);
        }

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override DataViewSchema Schema => _binding.Output;

        public override bool IsColumnActive(DataViewSchema.Column column) => _binding.IsActive(column, _input, _activeOutputs);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            _binding.Getter<TValue>(column, _input, _activeOutputs, _batch, Scored);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _batch?.Dispose();
            base.Dispose(disposing);
        }

        // Every output getter of a row position shares one scoring of it.
        private int Scored()
        {
            if (_scoredAt != _input.Position)
            {
                _batch!.Read(0);
                _batch.Score(1);
                _scoredAt = _input.Position;
            }
            return 0;
        }
    }
}
