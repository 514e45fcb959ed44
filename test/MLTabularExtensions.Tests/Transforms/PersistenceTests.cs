using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class PersistenceTests
{
    private sealed class Row
    {
        public DateTime Date { get; set; }
        public string Kind { get; set; } = "";
        public float Distance { get; set; }
        public float Sales { get; set; }
    }

    private static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new Row
        {
            Date = i % 50 == 0 ? default : new DateTime(2014, 1, 1).AddDays(random.Next(700)),
            Kind = ((char)('a' + random.Next(6))).ToString(),
            Distance = random.Next(5) == 0 ? float.NaN : random.Next(10_000),
            Sales = random.Next(1, 9000),
        })];
    }

    [Test]
    public void FitSaveLoadAndScore_GiveTheSameValues_WhereTheDecimalSeparatorIsAComma()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.zip");
        (float[] Distance, double[] Elapsed, uint[] Flags) FitSaveLoadScore()
        {
            var context = TestData.Context();
            var train = context.View(Rows(400, 1));
            var model = context.Transforms.AddDateParts("Date").Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = ["Kind"],
                ContinuousColumns = ["Distance", "Elapsed"],
            })).Fit(train);
            context.Model.Save(model, train.Schema, path);
            var scored = new MLContext(seed: 2).RegisterTabularExtensions().Model.Load(path, out _).Transform(context.View(Rows(150, 2)));
            return ([.. scored.Column<float>("Distance")], [.. scored.Column<double>("Elapsed")], [.. scored.Column<uint>("Distance_na")]);
        }
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = FitSaveLoadScore();
            // Where "0.5" does not parse: ML.NET's expression lexer reads literals with the thread's culture.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var german = FitSaveLoadScore();

            Assert.That(german.Distance, Is.EqualTo(invariant.Distance));
            Assert.That(german.Elapsed, Is.EqualTo(invariant.Elapsed));
            Assert.That(german.Flags, Is.EqualTo(invariant.Flags));
            Assert.That(invariant.Distance.Distinct().Count(), Is.GreaterThan(10), "fractional values: literals with decimals were read");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            File.Delete(path);
        }
    }

    [Test]
    public void PipelineMixingOurTransformsWithBuiltIns_ReloadsInFreshContext_WithIdenticalOutputs()
    {
        var context = TestData.Context();
        var train = context.View(Rows(400, 1));
        var test = context.View(Rows(150, 2));
        var pipeline = context.Transforms.AddDateParts("Date")
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = ["Kind", "Month", "Is_month_end"],
                ContinuousColumns = ["Distance", "Dayofyear"],
            }))
            .Append(context.Transforms.Expression("LogSales", "x => log(x)", "Sales"))
            .Append(context.Transforms.Concatenate("Features", "Distance", "Dayofyear"));
        var model = pipeline.Fit(train);
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.zip");
        try
        {
            context.Model.Save(model, train.Schema, path);

            var fresh = new MLContext(seed: 99).RegisterTabularExtensions();
            var loaded = fresh.Model.Load(path, out var inputSchema);

            Assert.That(inputSchema.Select(c => c.Name), Is.EqualTo(train.Schema.Select(c => c.Name)));
            var expected = model.Transform(test);
            var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(Rows(150, 2)));
            foreach (var key in new[] { "Kind", "Month", "Is_month_end", "Distance_na" })
                Assert.That(actual.Column<uint>(key), Is.EqualTo(expected.Column<uint>(key)), key);
            foreach (var number in new[] { "Distance", "Dayofyear", "LogSales", "Year" })
                Assert.That(actual.Column<float>(number), Is.EqualTo(expected.Column<float>(number)), number);
            Assert.That(actual.Column<double>("Elapsed"), Is.EqualTo(expected.Column<double>("Elapsed")));
            Assert.That(actual.Column<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()),
                Is.EqualTo(expected.Column<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray())));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void SavedModel_HoldsOnlyBuiltInTransforms_AndNeedsRegistrationOnlyForDateParts()
    {
        var context = TestData.Context();
        var train = context.View(Rows(100, 3));
        var model = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = ["Kind"],
            ContinuousColumns = ["Distance"],
        }).Fit(train);
        using var stream = new MemoryStream();
        context.Model.Save(model, train.Schema, stream);
        stream.Position = 0;

        // No RegisterTabularExtensions: FillMissing, Categorify and Normalize are plain ML.NET transforms.
        var loaded = new MLContext().Model.Load(stream, out _);

        Assert.That(loaded.Transform(train).Column<float>("Distance"), Is.EqualTo(model.Transform(train).Column<float>("Distance")));
        Assert.That(loaded, Is.Not.InstanceOf<TabularPreprocessTransformer>());
    }
}
