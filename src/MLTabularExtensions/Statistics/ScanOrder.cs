namespace MLTabularExtensions.Statistics;

/// <summary>
/// Where the rows read by the cursors of a parallel scan fall in the data's own order. ML.NET's contract for a cursor
/// set (<c>DataViewRow.Batch</c>): each cursor's batch numbers never decrease, a batch number appears in one cursor
/// only, and ordering the rows by batch, then by position within their cursor, gives the order of a single cursor.
/// </summary>
internal sealed class ScanOrder
{
    private readonly Segment[] _segments;
    private readonly Segment[][] _byPart;

    private ScanOrder(Segment[] segments, int parts)
    {
        _segments = segments;
        _byPart = [.. Enumerable.Range(0, parts).Select(part => segments.Where(s => s.Part == part).OrderBy(s => s.Start).ToArray())];
        Rows = segments.Sum(s => s.Length);
    }

    /// <summary>The rows of one batch: <see cref="Length"/> rows of cursor <see cref="Part"/> from its row
    /// <see cref="Start"/>, which are rows <see cref="Offset"/> onwards of the data.</summary>
    public readonly record struct Segment(int Part, long Start, long Length, long Offset);

    /// <summary>Every batch read, in the data's order.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>The number of rows all cursors read.</summary>
    public long Rows { get; }

    /// <summary>The position in the data of row <paramref name="row"/> of cursor <paramref name="part"/>.</summary>
    public long DataRow(int part, long row)
    {
        var segments = _byPart[part];
        int low = 0, high = segments.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (segments[middle].Start <= row) low = middle;
            else high = middle - 1;
        }
        return segments[low].Offset + (row - segments[low].Start);
    }

    /// <summary>
    /// The order of the rows read, from where each cursor's batches began (<paramref name="starts"/>: batch number
    /// and the cursor's row index of its first row) and how many rows each read; null when the cursors broke the
    /// contract, so that the order cannot be recovered.
    /// </summary>
    public static ScanOrder? TryCreate(IReadOnlyList<IReadOnlyList<(long Batch, long Start)>> starts, IReadOnlyList<long> rows)
    {
        var batches = new List<(long Batch, int Part, long Start, long Length)>();
        for (var part = 0; part < starts.Count; part++)
        {
            var own = starts[part];
            for (var i = 0; i < own.Count; i++)
            {
                var end = i + 1 < own.Count ? own[i + 1].Start : rows[part];
                if (i > 0 && own[i].Batch <= own[i - 1].Batch) return null;
                batches.Add((own[i].Batch, part, own[i].Start, end - own[i].Start));
            }
        }
        batches.Sort((a, b) => a.Batch.CompareTo(b.Batch));
        var segments = new Segment[batches.Count];
        long offset = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            if (i > 0 && batches[i].Batch == batches[i - 1].Batch) return null;
            segments[i] = new Segment(batches[i].Part, batches[i].Start, batches[i].Length, offset);
            offset += batches[i].Length;
        }
        return new ScanOrder(segments, starts.Count);
    }
}
