using Microsoft.ML;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Learns something about one column during a single pass over the training data. An abstract class rather than an
/// interface: the pass calls <see cref="Read"/> once per cell, and a virtual call is cheaper than interface dispatch.
/// </summary>
internal abstract class ColumnAccumulator(string columnName)
{
    /// <summary>The input column this accumulator reads.</summary>
    public string ColumnName { get; } = columnName;

    /// <summary>Creates the typed getter for the cursor about to be read, which holds about <paramref name="expectedRows"/> rows if known.</summary>
    public abstract void Bind(DataViewRowCursor cursor, long? expectedRows);

    /// <summary>Reads the current row; <paramref name="row"/> is its 0-based position, for error messages.</summary>
    public abstract void Read(long row);

    /// <summary>A new, empty accumulator of the same kind and column, for one cursor of a parallel scan.</summary>
    public abstract ColumnAccumulator Fork();

    /// <summary>
    /// Takes in what <paramref name="parts"/> (forks of this accumulator, one per cursor, in the cursors' order)
    /// read, as if this one, still empty, had read all their rows in <paramref name="order"/>. The parts are spent.
    /// </summary>
    public abstract void Merge(IReadOnlyList<ColumnAccumulator> parts, ScanOrder order);
}
