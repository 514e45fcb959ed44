using Microsoft.ML;

namespace MLTabularExtensions.Statistics;

/// <summary>Feeds every row of a data view to a set of accumulators in one cursor pass.</summary>
internal static class DataScan
{
    /// <summary>Runs the pass and returns the number of rows; throws when there are none.</summary>
    public static long Run(string transform, IDataView data, IReadOnlyList<ColumnAccumulator> accumulators)
    {
        var columns = accumulators.Select(a => data.Schema[a.ColumnName]).Distinct();
        using var cursor = data.GetRowCursor(columns);
        var expectedRows = data.GetRowCount();
        // An array, not the IReadOnlyList: enumerating that allocates once per row.
        var readers = accumulators.ToArray();
        foreach (var reader in readers) reader.Bind(cursor, expectedRows);
        long rows = 0;
        while (cursor.MoveNext())
        {
            for (var i = 0; i < readers.Length; i++) readers[i].Read(rows);
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException($"{transform}: the training data has no rows; there is nothing to learn from.");
        return rows;
    }
}
