using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Data;

/// <summary>A read-only table of typed column arrays (one value per row) as an <see cref="IDataView"/>.</summary>
internal sealed class InMemoryDataView : IDataView
{
    private readonly Array[] _columns;
    private readonly long _rows;

    public InMemoryDataView(IReadOnlyList<(string Name, DataViewType Type, Array Values)> columns, long rows)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns) builder.AddColumn(column.Name, column.Type);
        Schema = builder.ToSchema();
        _columns = [.. columns.Select(c => c.Values)];
        _rows = rows;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet(), first: 0, stride: 1);

    /// <summary>
    /// Up to <paramref name="n"/> cursors that take blocks of <see cref="BlockRows"/> rows in turn; a row's
    /// <see cref="DataViewRow.Batch"/> is its block's number, so the table's order can be recovered from them.
    /// </summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = columnsNeeded.Select(c => c.Index).ToHashSet();
        var cursors = (int)Math.Clamp((_rows + BlockRows - 1) / BlockRows, 1, Math.Max(n, 1));
        return [.. Enumerable.Range(0, cursors).Select(i => new Cursor(this, active, first: i, stride: cursors))];
    }

    /// <summary>Rows per block of a cursor set.</summary>
    internal const int BlockRows = 4096;

    private sealed class Cursor(InMemoryDataView table, HashSet<int> active, int first, int stride) : DataViewRowCursor
    {
        private long _position = -1;
        // The table row the cursor is on; it reads blocks first, first + stride, … of the table.
        private long _row = (long)first * BlockRows - 1;
        private bool _done;

        public override long Position => _position;

        public override long Batch => _row / BlockRows;

        public override DataViewSchema Schema => table.Schema;

        public override bool MoveNext()
        {
            if (_done) return false;
            _row++;
            if (_row % BlockRows == 0 && _position >= 0) _row += (long)(stride - 1) * BlockRows;
            if (_row >= table._rows)
            {
                (_done, _position) = (true, -1);
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            if (table._columns[column.Index] is not TValue[] values)
                throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}, not {typeof(TValue).Name}.");
            return (ref TValue value) => value = values[_row];
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
    }
}
