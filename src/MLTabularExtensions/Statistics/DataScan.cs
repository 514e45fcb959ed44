using System.Runtime.CompilerServices;
using Microsoft.ML;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Feeds every row of a data view to a set of accumulators in one pass. When the data view splits into a cursor set
/// (ML.NET's cache and text loader do, and so does <see cref="Data.CsvData"/>'s table; its binary loader gives one
/// cursor), each cursor is read on its own thread into its own copies of the accumulators, which are then merged in
/// the data's row order, so the result is the one a single cursor gives.
/// </summary>
internal static class DataScan
{
    // Below this many rows a thread costs more than it saves.
    internal const long MinParallelRows = 1 << 16;

    // Each cursor keeps its own counts (up to 512 KB for a whole-number column) and the merge runs on one thread.
    private const int MaxThreads = 4;

    /// <summary>Runs the pass and returns the number of rows; throws when there are none.</summary>
    public static long Run(string transform, IDataView data, IReadOnlyList<ColumnAccumulator> accumulators) =>
        Run(transform, data, accumulators, Math.Min(Environment.ProcessorCount, MaxThreads), MinParallelRows);

    /// <summary>The pass with a given number of threads, used when the data has at least <paramref name="minParallelRows"/> rows (or an unknown count).</summary>
    internal static long Run(string transform, IDataView data, IReadOnlyList<ColumnAccumulator> accumulators, int threads, long minParallelRows)
    {
        var columns = accumulators.Select(a => data.Schema[a.ColumnName]).Distinct().ToArray();
        var expectedRows = data.GetRowCount();
        DataViewRowCursor? single = null;
        if (threads > 1 && (expectedRows ?? long.MaxValue) >= minParallelRows)
        {
            var cursors = data.GetRowCursorSet(columns, threads);
            if (cursors.Length == 1) single = cursors[0];
            else if (InParallel(cursors, accumulators, expectedRows) is { } parallelRows) return Checked(transform, parallelRows);
        }
        using var cursor = single ?? data.GetRowCursor(columns);
        return Checked(transform, Read(cursor, [.. accumulators], expectedRows, batches: null, stop: null));
    }

    private static long Checked(string transform, long rows) => rows > 0 ? rows
        : throw new InvalidOperationException($"{transform}: the training data has no rows; there is nothing to learn from.");

    /// <summary>
    /// Reads each cursor on its own thread and merges the parts into <paramref name="accumulators"/>; null, leaving
    /// them untouched, when a part failed or the cursors' batches do not give the row order. The single cursor that
    /// then reads the data reports a bad value with its true row number.
    /// </summary>
    private static long? InParallel(DataViewRowCursor[] cursors, IReadOnlyList<ColumnAccumulator> accumulators, long? expectedRows)
    {
        var parts = cursors.Select(_ => accumulators.Select(a => a.Fork()).ToArray()).ToArray();
        var batches = cursors.Select(_ => new List<(long Batch, long Start)>()).ToArray();
        var rows = new long[cursors.Length];
        var stop = new StrongBox<bool>();
        var perCursor = expectedRows / cursors.Length;
        void ReadPart(int i)
        {
            try
            {
                rows[i] = Read(cursors[i], parts[i], perCursor, batches[i], stop);
            }
            catch (Exception)
            {
                // The other parts stop at their next batch; the scan is redone on one cursor.
                Volatile.Write(ref stop.Value, true);
            }
            finally
            {
                cursors[i].Dispose();
            }
        }
        // Threads of their own rather than the pool's: a cursor set over a streaming source only advances when every
        // cursor is being read, so none of them may wait for a free pool thread.
        var threads = Enumerable.Range(1, cursors.Length - 1)
            .Select(i => new Thread(() => ReadPart(i)) { IsBackground = true, Name = "MLTabularExtensions scan" })
            .ToArray();
        foreach (var thread in threads) thread.Start();
        ReadPart(0);
        foreach (var thread in threads) thread.Join();
        if (stop.Value) return null;
        if (ScanOrder.TryCreate(batches, rows) is not { } order) return null;
        for (var a = 0; a < accumulators.Count; a++) accumulators[a].Merge([.. parts.Select(p => p[a])], order);
        return order.Rows;
    }

    /// <summary>Reads <paramref name="cursor"/> to its end; records where each batch begins when <paramref name="batches"/> is given.</summary>
    private static long Read(DataViewRowCursor cursor, ColumnAccumulator[] readers, long? expectedRows,
        List<(long Batch, long Start)>? batches, StrongBox<bool>? stop)
    {
        foreach (var reader in readers) reader.Bind(cursor, expectedRows);
        long rows = 0;
        var batch = long.MinValue;
        while (cursor.MoveNext())
        {
            if (batches is not null && cursor.Batch != batch)
            {
                if (Volatile.Read(ref stop!.Value)) break;
                batch = cursor.Batch;
                batches.Add((batch, rows));
            }
            for (var i = 0; i < readers.Length; i++) readers[i].Read(rows);
            rows++;
        }
        return rows;
    }
}
