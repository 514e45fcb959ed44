using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.Transforms;

/// <summary>A fitted TabularPreprocess computes its outputs itself; they must equal its saved built-in chain's, bit for bit.</summary>
public sealed class PreprocessedViewTests
{
    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public int Shop { get; set; }
        public float Price { get; set; }
        public float Distance { get; set; }
        public double Temperature { get; set; }
        public long Visits { get; set; }
        public bool Open { get; set; }
        public float Month { get; set; }
        public long Region { get; set; }
        public long Code { get; set; }
    }

    private static Row[] Rows(int count, int seed, int kinds)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new Row
        {
            Kind = random.Next(6) == 0 ? "" : "kind" + random.Next(kinds),
            Shop = random.Next(40),
            Price = random.Next(9) == 0 ? float.NaN : MathF.Round((float)random.NextDouble() * 20, 1),
            Distance = random.Next(5) == 0 ? float.NaN : (float)(random.NextDouble() * 10_000),
            Temperature = random.Next(7) == 0 ? double.NaN : random.NextDouble() * 30 - 5,
            Visits = random.Next(1000),
            Open = random.Next(3) > 0,
            Month = random.Next(8) == 0 ? float.NaN : random.Next(1, 13),
            Region = 1_000_000_000L + 2 * random.Next(6),
            Code = random.NextInt64(1L << 40),
        })];
    }

    [Test]
    public void OwnPass_GivesTheBuiltInChainsValues_WithUnseenAndMissingValues()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(Rows(800, 1, kinds: 5));
        // Later data with categories and shops the training never saw, and missing values everywhere.
        // Whole-number categories are looked up in an array: months and regions out of range, in a gap or fractional too.
        var later = context.Data.LoadFromEnumerable(Rows(300, 2, kinds: 8).Select((r, i) =>
        {
            r.Shop += 20;
            r.Month = (i % 8) switch { 0 => 12.5f, 1 => 13, 2 => -0f, 3 => 0, _ => r.Month };
            r.Region += (i % 5) switch { 0 => 1, 1 => -2, 2 => 40, _ => 0 };
            return r;
        }));
        var fitted = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = ["Kind", "Shop", "Price", "Open", "Month", "Region", "Code"],
            ContinuousColumns = ["Distance", "Temperature", "Visits"],
        }).Fit(train);

        var own = fitted.Transform(later);
        var chain = fitted.Inner.Transform(later);

        Assert.That(own, Is.TypeOf<PreprocessedDataView>(), "the transformer's own pass");
        Assert.That(own.Schema.Select(c => (c.Name, c.Type, c.IsHidden)), Is.EqualTo(chain.Schema.Select(c => (c.Name, c.Type, c.IsHidden))));
        var cells = own.VisibleCells();
        Assert.That(cells, Is.EqualTo(chain.VisibleCells()));
        Assert.That(cells, Does.Contain("Kind=0").And.Contain("Shop=0").And.Contain("Price=0").And.Contain("Month=0").And.Contain("Region=0").And.Contain("Code=0"),
            "unseen and missing categories map to key 0");
        Assert.That(cells, Does.Contain("Month=12").And.Contain("Region=6"), "the largest months and regions keep their keys");
        Assert.That(fitted.IndicatorColumns, Is.EquivalentTo(new[] { "Distance_na", "Temperature_na" }));
    }

    [Test]
    public void CursorOverEveryColumn_HiddenOnesIncluded_IsTheOwnPass_WithTheChainsValues()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(Rows(200, 3, kinds: 4));
        var fitted = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = ["Kind"],
            ContinuousColumns = ["Distance"],
        }).Fit(train);
        var own = fitted.Transform(train);
        var chain = fitted.Inner.Transform(train);
        var flag = own.Schema.Single(c => c.IsHidden && c.Name == "Distance_na");

        using var cursor = own.GetRowCursor(own.Schema);
        Assert.That(cursor.GetType().DeclaringType, Is.EqualTo(typeof(PreprocessedDataView)), "every column is computed or passed through");
        var getter = cursor.GetGetter<bool>(flag);
        var value = false;
        var flags = new List<bool>();
        while (cursor.MoveNext())
        {
            getter(ref value);
            flags.Add(value);
        }
        Assert.That(flags, Is.EqualTo(chain.GetColumn<bool>(chain.Schema[flag.Index]).ToArray()));
        Assert.That(flags, Does.Contain(true).And.Contain(false));
    }
}
