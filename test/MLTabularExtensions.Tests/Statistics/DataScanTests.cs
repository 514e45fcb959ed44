using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;
using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Tests.Statistics;

public sealed class DataScanTests
{
    private const string Name = "Scan";
    private const int Rows = 5 * InMemoryDataView.BlockRows + 123;

    // A continuous column with missing values, a categorical one with whole numbers (array counts), fractions and
    // large values (dictionary counts) and both zeros, and a text one with runs of equal words.
    private static InMemoryDataView Table(int seed, Action<float[], float[], ReadOnlyMemory<char>[]>? edit = null)
    {
        var random = new Random(seed);
        float[] pool = [0f, -0f, 1f, 2f, 7f, 40f, 65_536f, 70_000f, -3f, 2.5f, 1e9f, float.NaN];
        string[] words = ["a", "b", "ab", "b ", "", "ba", "é"];
        var continuous = Enumerable.Range(0, Rows).Select(_ => random.Next(9) == 0 ? float.NaN : (float)random.NextDouble() * 100 - 20).ToArray();
        var categorical = Enumerable.Range(0, Rows).Select(_ => pool[random.Next(pool.Length)]).ToArray();
        var text = new ReadOnlyMemory<char>[Rows];
        for (var row = 0; row < Rows;)
        {
            var word = words[random.Next(words.Length)].AsMemory();
            for (var run = random.Next(1, 5); run > 0 && row < Rows; run--) text[row++] = word;
        }
        edit?.Invoke(continuous, categorical, text);
        return new InMemoryDataView([("Continuous", NumberDataViewType.Single, continuous), ("Categorical", NumberDataViewType.Single, categorical),
            ("Text", TextDataViewType.Instance, text)], Rows);
    }

    private static ColumnAccumulator[] Accumulators(IDataView data) =>
        [ContinuousValues.For(Name, data.Schema["Continuous"]), CategoryCounts.For(Name, data.Schema["Categorical"]), CategoryCounts.For(Name, data.Schema["Text"])];

    // Everything a fit learns from the accumulators: values in row order (bits), missing count, and the vocabularies
    // at every frequency threshold up to the largest count, so a count off by one changes the result.
    private static List<string> Learned(IDataView data, int threads, long minParallelRows = 0)
    {
        var accumulators = Accumulators(data);
        var rows = DataScan.Run(Name, data, accumulators, threads, minParallelRows);
        var values = (ContinuousValues)accumulators[0];
        var learned = new List<string> { $"rows {rows}, missing {values.MissingCount}: {string.Join(",", values.Values.ToArray().Select(BitConverter.DoubleToInt64Bits))}" };
        var limits = new[] { new CategoryLimits(1, 1), new CategoryLimits(3, 1) }.Concat(Enumerable.Range(1, Rows).Select(c => new CategoryLimits(null, c)));
        foreach (var limit in limits)
        {
            var vocabularies = accumulators.Skip(1).Cast<CategoryCounts>().Select(c => c.Vocabulary(limit)).ToArray();
            if (vocabularies.All(v => v.Length == 0)) break;
            learned.AddRange(vocabularies.Select(v => string.Join(",", v.Cast<object>().Select(x => x is float f ? BitConverter.SingleToInt32Bits(f).ToString("x") : x))));
        }
        return learned;
    }

    [Test]
    public void Cursors_ReadInParallel_LearnWhatOneCursorLearns()
    {
        var table = Table(seed: 3);
        var serial = Learned(table, threads: 1);

        Assert.That(table.GetRowCursorSet(table.Schema, 3), Has.Length.EqualTo(3), "the table splits into a cursor set");
        Assert.That(Learned(table, threads: 3), Is.EqualTo(serial));
        var cached = TestData.Context().Data.Cache(table);
        Assert.That(Learned(cached, threads: 2), Is.EqualTo(serial), "ML.NET's cache deals its blocks of 64 rows to whichever cursor asks first");
        Assert.That(serial, Has.Count.GreaterThan(1_000), "the thresholds reach the counts");
    }

    [Test]
    public void Vocabulary_KeepsTheZeroReadFirstInTheTable_NotTheFirstOfEitherCursor()
    {
        // Block 0 goes to the first cursor and block 1 to the second: the +0 is the second cursor's 5th row, the −0
        // the first cursor's 3,000th, but −0 comes first in the table.
        var table = Table(seed: 4, (_, categorical, _) =>
        {
            for (var row = 0; row < categorical.Length; row++) if (categorical[row] == 0) categorical[row] = 1;
            categorical[3_000] = -0f;
            categorical[InMemoryDataView.BlockRows + 5] = 0f;
        });

        var accumulators = Accumulators(table);
        DataScan.Run(Name, table, accumulators, threads: 2, minParallelRows: 0);

        var zero = ((float[])((CategoryCounts)accumulators[1]).Vocabulary(new CategoryLimits(null, 1))).Single(v => v == 0);
        Assert.That(float.IsNegative(zero), Is.True);
        Assert.That(Learned(table, threads: 2), Is.EqualTo(Learned(table, threads: 1)));
    }

    [Test]
    public void BadValue_ReadByASecondCursor_IsReportedAtItsRowInTheTable()
    {
        var row = 3 * InMemoryDataView.BlockRows + 17;
        var table = Table(seed: 5, (continuous, _, _) => continuous[row] = float.PositiveInfinity);

        var error = Assert.Throws<InvalidOperationException>(() => DataScan.Run(Name, table, Accumulators(table), threads: 2, minParallelRows: 0));

        Assert.That(error!.Message, Is.EqualTo($"{Name}: column 'Continuous' holds +infinity at row {row}; expected a finite number or NaN (missing)."));
    }

    [Test]
    public void Order_MapsEachCursorsRowsToTheTable_AndRejectsBatchesThatBreakTheContract()
    {
        // Cursor 0 read batches 0 (3 rows) and 2 (2 rows); cursor 1 read batch 1 (4 rows) and 5 (1 row).
        var order = ScanOrder.TryCreate([[(0, 0), (2, 3)], [(1, 0), (5, 4)]], [5, 5])!;

        Assert.That(order.Rows, Is.EqualTo(10));
        Assert.That(order.Segments.Select(s => (s.Part, s.Start, s.Length, s.Offset)),
            Is.EqualTo(new[] { (0, 0L, 3L, 0L), (1, 0L, 4L, 3L), (0, 3L, 2L, 7L), (1, 4L, 1L, 9L) }));
        Assert.That(new[] { order.DataRow(0, 0), order.DataRow(0, 2), order.DataRow(0, 3), order.DataRow(0, 4) }, Is.EqualTo(new long[] { 0, 2, 7, 8 }));
        Assert.That(new[] { order.DataRow(1, 0), order.DataRow(1, 3), order.DataRow(1, 4) }, Is.EqualTo(new long[] { 3, 6, 9 }));
        Assert.That(ScanOrder.TryCreate([[(0, 0)], [(0, 0)]], [1, 1]), Is.Null, "a batch read by two cursors");
        Assert.That(ScanOrder.TryCreate([[(2, 0), (1, 3)]], [5]), Is.Null, "a cursor's batches going back");
    }

    [Test]
    public void SmallTables_AreReadByOneCursor()
    {
        var table = Table(seed: 6);
        var opened = new CountingView(table);

        DataScan.Run(Name, opened, Accumulators(opened), threads: 2, minParallelRows: Rows + 1);
        Assert.That((opened.Cursors, opened.CursorSets), Is.EqualTo((1, 0)));
        DataScan.Run(Name, opened, Accumulators(opened), threads: 2, minParallelRows: Rows);
        Assert.That((opened.Cursors, opened.CursorSets), Is.EqualTo((1, 1)));
    }

    private sealed class CountingView(IDataView inner) : IDataView
    {
        public int Cursors { get; private set; }

        public int CursorSets { get; private set; }

        public bool CanShuffle => inner.CanShuffle;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            CursorSets++;
            return inner.GetRowCursorSet(columnsNeeded, n, rand);
        }
    }
}
