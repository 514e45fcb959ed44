using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Tests.Transforms;

/// <summary>The (output, input) and <see cref="InputOutputColumnPair"/> overloads, as ML.NET's own transforms have.</summary>
public sealed class ColumnPairTests
{
    private sealed class Row
    {
        public float Distance { get; set; }
        public string Shop { get; set; } = "";
        public int Visits { get; set; }
    }

    private static IDataView Train(MLContext context) => context.View(
        new Row { Distance = 4, Shop = "b", Visits = 1 },
        new Row { Distance = float.NaN, Shop = "a", Visits = 2 },
        new Row { Distance = 2, Shop = "b", Visits = 3 });

    [Test]
    public void FillMissing_WritesOutputAndItsIndicator_KeepsInput()
    {
        var context = TestData.Context();
        var train = Train(context);
        var estimator = context.Transforms.FillMissing("DistanceFilled", "Distance");
        var output = estimator.Fit(train).Transform(train);

        Assert.That(output.Column<float>("DistanceFilled"), Is.EqualTo(new[] { 4f, 3f, 2f }));
        Assert.That(output.Column<bool>("DistanceFilled_na"), Is.EqualTo(new[] { false, true, false }));
        Assert.That(output.Column<float>("Distance")[1], Is.NaN, "the input column is left as it was");
        Assert.That(output.Schema.GetColumnOrNull("Distance_na"), Is.Null);
        var shape = estimator.GetOutputSchema(TestData.Shape(train.Schema));
        Assert.That(shape.Select(c => c.Name), Is.SupersetOf(new[] { "DistanceFilled", "DistanceFilled_na", "Distance" }));
    }

    [Test]
    public void FillMissing_IntegerPair_IsCopied()
    {
        var context = TestData.Context();
        var train = Train(context);
        var output = context.Transforms.FillMissing([new InputOutputColumnPair("VisitsOut", "Visits")]).Fit(train).Transform(train);

        Assert.That(output.Column<int>("VisitsOut"), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Categorify_WritesKeyOutput_KeepsTextInput()
    {
        var context = TestData.Context();
        var train = Train(context);
        var model = context.Transforms.Categorify("ShopKey", "Shop").Fit(train);
        var output = model.Transform(train);

        Assert.That(output.Column<uint>("ShopKey"), Is.EqualTo(new uint[] { 2, 1, 2 }));
        Assert.That(output.Column<ReadOnlyMemory<char>>("Shop").Select(s => s.ToString()), Is.EqualTo(new[] { "b", "a", "b" }));
        Assert.That(model.Columns.Single().InputColumnName, Is.EqualTo("Shop"));
        Assert.That(model.Columns.Single().Name, Is.EqualTo("ShopKey"));
    }

    [Test]
    public void Normalize_TwoOutputsFromOneInput_AndInPlaceTogether()
    {
        var context = TestData.Context();
        var train = Train(context);
        var estimator = context.Transforms.Normalize(new Normalize.NormalizeOptions
        {
            Columns = ["Visits"],
            ColumnPairs = [new("V1", "Visits"), new("V2", "Visits")],
        });
        var output = estimator.Fit(train).Transform(train);

        // Visits 1, 2, 3: mean 2, sample std 1.
        float[] expected = [-1f, 0f, 1f];
        Assert.That(output.Column<float>("V1"), Is.EqualTo(expected).Within(1e-6f));
        Assert.That(output.Column<float>("V2"), Is.EqualTo(expected).Within(1e-6f));
        Assert.That(output.Column<float>("Visits"), Is.EqualTo(expected).Within(1e-6f));
    }

    [Test]
    public void PairModel_ReloadsWithIdenticalOutputs_AndChecksTheInputColumn()
    {
        var context = TestData.Context();
        var train = Train(context);
        var model = context.Transforms.FillMissing("DistanceFilled", "Distance")
            .Append(context.Transforms.Categorify("ShopKey", "Shop"))
            .Append(context.Transforms.Normalize("VisitsNorm", "Visits"))
            .Fit(train);
        using var stream = new MemoryStream();
        context.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var reloaded = new MLContext(seed: 2).Model.Load(stream, out _);

        foreach (var column in new[] { "DistanceFilled", "VisitsNorm" })
            Assert.That(reloaded.Transform(train).Column<float>(column), Is.EqualTo(model.Transform(train).Column<float>(column)));
        Assert.That(reloaded.Transform(train).Column<uint>("ShopKey"), Is.EqualTo(model.Transform(train).Column<uint>("ShopKey")));

        var withoutShop = context.Data.LoadFromEnumerable(new[] { new { Distance = 1f, Visits = 1 } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(withoutShop));
        Assert.That(error!.Message, Does.Contain("'Shop'"));
    }

    [Test]
    public void SameOutputTwice_IsRefused()
    {
        var context = TestData.Context();
        var error = Assert.Throws<ArgumentException>(() =>
            context.Transforms.Categorify([new InputOutputColumnPair("Key", "Shop"), new InputOutputColumnPair("Key", "Visits")]));
        Assert.That(error!.Message, Does.Contain("output column 'Key' is listed more than once"));

        // B is written from A and read by C: whether C saw the old or the new B would depend on the order of the steps.
        var chained = Assert.Throws<ArgumentException>(() =>
            context.Transforms.Normalize([new InputOutputColumnPair("B", "A"), new InputOutputColumnPair("C", "B")]));
        Assert.That(chained!.Message, Does.Contain("output column 'B' is also read as the input of another pair"));
    }
}
