using Microsoft.ML;

namespace MLTabularExtensions.Statistics;

/// <summary>Learns something about one column during a single pass over the training data.</summary>
internal interface IColumnAccumulator
{
    /// <summary>The input column this accumulator reads.</summary>
    string ColumnName { get; }

    /// <summary>Creates the typed getter for the cursor about to be read, which holds about <paramref name="expectedRows"/> rows if known.</summary>
    void Bind(DataViewRowCursor cursor, long? expectedRows);

    /// <summary>Reads the current row; <paramref name="row"/> is its 0-based position, for error messages.</summary>
    void Read(long row);
}
