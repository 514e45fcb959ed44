using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class CategorifyTests
{
    private sealed class Row
    {
        public string Text { get; set; } = "";
        public float Number { get; set; }
        public long Big { get; set; }
        public bool Flag { get; set; }
    }

    private static Row[] Rows(params (string Text, float Number, long Big, bool Flag)[] rows) =>
        [.. rows.Select(r => new Row { Text = r.Text, Number = r.Number, Big = r.Big, Flag = r.Flag })];

    [Test]
    public void Vocabulary_IsSorted_NumbersNumerically_TextByCodePoint_FalseBeforeTrue()
    {
        var context = TestData.Context();
        // "𝒜" (U+1D49C) sorts after "ｚ" (U+FF5A) by code point, though its UTF-16 surrogate sorts before it.
        var train = context.View(Rows(("b", 10, 3, true), ("a", -1, -7, false), ("B", 2, 100, true), ("𝒜", 10, 3, true),
            ("ｚ", float.NaN, 3, true), ("", 2, 3, true)));

        var model = context.Transforms.Categorify(["Text", "Number", "Big", "Flag"]).Fit(train);

        Assert.That(model.Columns[0].Vocabulary, Is.EqualTo(new[] { "B", "a", "b", "ｚ", "𝒜" }));
        Assert.That(model.Columns[1].Vocabulary, Is.EqualTo(new[] { -1f, 2f, 10f }));
        Assert.That(model.Columns[2].Vocabulary, Is.EqualTo(new[] { -7L, 3L, 100L }));
        Assert.That(model.Columns[3].Vocabulary, Is.EqualTo(new[] { false, true }));
        var output = model.Transform(train);
        Assert.That(output.Column<uint>("Text"), Is.EqualTo(new uint[] { 3, 2, 1, 5, 4, 0 }));
        Assert.That(output.Column<uint>("Number"), Is.EqualTo(new uint[] { 3, 1, 2, 3, 0, 2 }));
        Assert.That(output.Column<uint>("Big"), Is.EqualTo(new uint[] { 2, 1, 3, 2, 2, 2 }));
        Assert.That(output.Column<uint>("Flag"), Is.EqualTo(new uint[] { 2, 1, 2, 2, 2, 2 }));
        Assert.That(((KeyDataViewType)output.Schema["Text"].Type).Count, Is.EqualTo(5UL));
    }

    [Test]
    public void Counts_AreTheSame_ForSmallWholeNumbers_AndForAnyOtherValue_AndForRepeatedText()
    {
        // Whole numbers 0-65535 are counted in an array, the rest in a dictionary: both must count, tie-break and keep
        // a −0 read before +0 as one dictionary would. Text equal to the row before is counted without a lookup.
        float[] pool = [0f, 1f, 2f, 7f, 40f, 65_535f, 65_536f, 70_000f, -3f, 2.5f, 1e9f, float.NaN];
        string[] words = ["a", "b", "ab", "b ", "", "ba"];
        var random = new Random(5);
        var numbers = new[] { -0f }.Concat(Enumerable.Range(0, 4_000).Select(_ => pool[random.Next(pool.Length)])).ToArray();
        // Runs of 1-4 equal words.
        var texts = new List<string>();
        while (texts.Count < numbers.Length) texts.AddRange(Enumerable.Repeat(words[random.Next(words.Length)], random.Next(1, 5)));
        var context = TestData.Context();
        var train = context.View(Rows([.. numbers.Select((n, i) => (texts[i], n, float.IsNaN(n) ? 11L : (long)n, n > 5))]));

        Check("Number", numbers.Where(n => !float.IsNaN(n)));
        Check("Big", numbers.Select(n => float.IsNaN(n) ? 11L : (long)n));
        Check("Flag", numbers.Select(n => n > 5));
        Check("Text", texts.Take(numbers.Length).Where(t => t.Length > 0));
        var zero = ((float[])context.Transforms.Categorify(["Number"]).Fit(train).Columns[0].Vocabulary).Single(f => f == 0);
        Assert.That(float.IsNegative(zero), Is.True, "the first zero read was −0");

        void Check<T>(string column, IEnumerable<T> values) where T : notnull
        {
            // A frequency threshold at every count and one above it, so a count off by one changes a vocabulary.
            var counts = values.GroupBy(v => v).Select(g => (long)g.Count()).Distinct();
            var limits = new (int?, long)[] { (null, 1), (1, 1), (3, 1), (5, 1) }.Concat(counts.SelectMany(c => new (int?, long)[] { (null, c), (null, c + 1) }));
            foreach (var (max, minFrequency) in limits)
            {
                var expected = Expected(values, max, minFrequency);
                if (expected.Length == 0) continue;
                var model = context.Transforms.Categorify(new CategorifyOptions { Columns = [column], MaxCategories = max, MinFrequency = minFrequency }).Fit(train);
                Assert.That(model.Columns[0].Vocabulary, Is.EqualTo(expected), $"{column}: at most {max}, at least {minFrequency} rows");
            }
        }
    }

    // The vocabulary rule written out plainly: count equal values, keep the frequent ones, at most the most frequent
    // `max` (equal counts: lower values first), in sorted order.
    private static T[] Expected<T>(IEnumerable<T> values, int? max, long minFrequency) where T : notnull
    {
        var kept = values.GroupBy(v => v).Select(g => (Value: g.First(), Count: g.LongCount())).Where(g => g.Count >= minFrequency);
        if (max is { } top) kept = kept.OrderByDescending(g => g.Count).ThenBy(g => g.Value, Order<T>()).Take(top);
        return [.. kept.Select(g => g.Value).Order(Order<T>())];
    }

    // Text by code point (ordinal for these ASCII words), everything else in its natural order.
    private static IComparer<T> Order<T>() => typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default;

    [Test]
    public void UnseenAndMissingValues_MapToZero()
    {
        var context = TestData.Context();
        var model = context.Transforms.Categorify(["Text", "Number"]).Fit(context.View(Rows(("x", 1, 0, false), ("y", 2, 0, false))));

        var output = model.Transform(context.View(Rows(("z", 3, 0, false), ("", float.NaN, 0, false), ("y", 1, 0, false))));

        Assert.That(output.Column<uint>("Text"), Is.EqualTo(new uint[] { 0, 0, 2 }));
        Assert.That(output.Column<uint>("Number"), Is.EqualTo(new uint[] { 0, 0, 1 }));
    }

    [Test]
    public void MaxCategories_KeepsMostFrequent_AndMinFrequency_DropsRare()
    {
        var context = TestData.Context();
        var train = context.View(Rows(("a", 1, 0, false), ("b", 1, 0, false), ("b", 2, 0, false), ("c", 2, 0, false),
            ("c", 3, 0, false), ("c", 3, 0, false)));

        var top = context.Transforms.Categorify(new CategorifyOptions { Columns = ["Text"], MaxCategories = 2 }).Fit(train);
        var frequent = context.Transforms.Categorify(new CategorifyOptions { Columns = ["Number"], MinFrequency = 2 }).Fit(train);

        Assert.That(top.Columns[0].Vocabulary, Is.EqualTo(new[] { "b", "c" }));
        Assert.That(top.Transform(train).Column<uint>("Text"), Is.EqualTo(new uint[] { 0, 1, 1, 2, 2, 2 }));
        Assert.That(frequent.Columns[0].Vocabulary, Is.EqualTo(new[] { 1f, 2f, 3f }));
        var rare = context.Transforms.Categorify(new CategorifyOptions { Columns = ["Text"], MinFrequency = 3 }).Fit(train);
        Assert.That(rare.Columns[0].Vocabulary, Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public void ColumnsWithEqualVocabularies_ShareAMapping_AndKeepTheirOwnKeys()
    {
        var context = TestData.Context();
        var train = context.View(
            new Pair { A = true, B = false, X = 1, Y = 2, Z = 1 },
            new Pair { A = false, B = true, X = 2, Y = 1, Z = 3 });

        var model = context.Transforms.Categorify(["A", "B", "X", "Y", "Z"]).Fit(train);
        var output = model.Transform(context.View(new Pair { A = true, B = true, X = 2, Y = 1, Z = 2 }));

        Assert.That(output.Column<uint>("A"), Is.EqualTo(new uint[] { 2 }));
        Assert.That(output.Column<uint>("B"), Is.EqualTo(new uint[] { 2 }));
        Assert.That(output.Column<uint>("X"), Is.EqualTo(new uint[] { 2 }));
        Assert.That(output.Column<uint>("Y"), Is.EqualTo(new uint[] { 1 }));
        Assert.That(output.Column<uint>("Z"), Is.EqualTo(new uint[] { 0 }), "Z's vocabulary is {1, 3}: 2 is unseen");
    }

    private sealed class Pair
    {
        public bool A { get; set; }
        public bool B { get; set; }
        public int X { get; set; }
        public int Y { get; set; }
        public int Z { get; set; }
    }

    [Test]
    public void MaxCategories_BreaksCountTiesBySortOrder()
    {
        var context = TestData.Context();
        var train = context.View(Rows(("d", 0, 0, false), ("a", 0, 0, false), ("c", 0, 0, false)));

        var model = context.Transforms.Categorify(new CategorifyOptions { Columns = ["Text"], MaxCategories = 2 }).Fit(train);

        Assert.That(model.Columns[0].Vocabulary, Is.EqualTo(new[] { "a", "c" }));
    }

    [Test]
    public void EstimatorOutputSchema_DeclaresKeyColumns()
    {
        var context = TestData.Context();
        var data = context.View(Rows(("a", 1, 0, false)));

        var shape = context.Transforms.Categorify(["Text", "Flag"]).GetOutputSchema(TestData.Shape(data.Schema));

        Assert.That(shape.Single(c => c.Name == "Text").IsKey, Is.True);
        Assert.That(shape.Single(c => c.Name == "Flag").IsKey, Is.True);
        Assert.That(shape.Single(c => c.Name == "Number").IsKey, Is.False);
    }
}
