using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Schema;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// What a fitted TabularPreprocess gives in this process: the built-in chain's schema and values, with its output
/// columns computed in one layer (<see cref="PreprocessedColumns"/>) instead of one ML.NET transform per column. A
/// cursor that asks for a column computed by none of them is served by the chain itself. The saved model is
/// the chain, so a reloaded model gives the same values through ML.NET's built-ins.
/// </summary>
internal sealed class PreprocessedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly IDataView _builtIn;
    private readonly PreprocessedColumns _columns;
    private readonly int[] _inputIndexes;

    public PreprocessedDataView(IDataView input, IDataView builtIn, PreprocessedColumns columns)
    {
        _input = input;
        _builtIn = builtIn;
        _columns = columns;
        _inputIndexes = PassedThrough.InputIndexes(input.Schema, builtIn.Schema)
            ?? throw new InvalidOperationException("TabularPreprocess's chain did not keep its input's columns in order.");
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _builtIn.Schema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        return Served(needed) ? new Cursor(this, needed, rand) : _builtIn.GetRowCursor(needed, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    // Input columns pass through; the chain's outputs are computed here.
    private bool Served(List<DataViewSchema.Column> needed) => needed.All(c => _inputIndexes[c.Index] >= 0 || _columns.Computes(c));

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly PreprocessedDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly HashSet<int> _active;

        public Cursor(PreprocessedDataView view, List<DataViewSchema.Column> needed, Random? rand)
        {
            _view = view;
            _active = [.. needed.Select(c => c.Index)];
            var inputs = needed.Select(c => view._inputIndexes[c.Index] is var i and >= 0 ? view._input.Schema[i] : view._input.Schema[view._columns.Source(c)]);
            _input = view._input.GetRowCursor(inputs.Distinct(), rand);
        }

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext() => _input.MoveNext();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active.Contains(column.Index))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            if (_view._inputIndexes[column.Index] is var i and >= 0) return _input.GetGetter<TValue>(_view._input.Schema[i]);
            return _view._columns.Getter(column, _input) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
