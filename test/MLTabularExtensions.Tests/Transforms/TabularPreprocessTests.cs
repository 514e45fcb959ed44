using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class TabularPreprocessTests
{
    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public int Shop { get; set; }
        public float Distance { get; set; }
        public double Temperature { get; set; }
        public int Visits { get; set; }
    }

    private static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new Row
        {
            Kind = random.Next(5) == 0 ? "" : ((char)('a' + random.Next(4))).ToString(),
            Shop = random.Next(30),
            Distance = random.Next(6) == 0 ? float.NaN : (float)(random.NextDouble() * 1000),
            Temperature = random.NextDouble() * 30 - 5,
            Visits = random.Next(100),
        })];
    }

    private static TabularPreprocessOptions Options() => new()
    {
        CategoricalColumns = ["Kind", "Shop"],
        ContinuousColumns = ["Distance", "Temperature", "Visits"],
    };

    [Test]
    public void OnePassFit_GivesSameOutputsAsTheThreeProcsInTurn()
    {
        var context = TestData.Context();
        var train = context.View(Rows(500, 1));
        var test = context.View(Rows(200, 2));

        var combined = context.Transforms.TabularPreprocess(Options()).Fit(train);
        var stepwise = context.Transforms.FillMissing(["Distance", "Temperature", "Visits"])
            .Append(context.Transforms.Categorify(["Kind", "Shop", "Distance_na"]))
            .Append(context.Transforms.Normalize(["Distance", "Temperature", "Visits"]))
            .Fit(train);

        var a = combined.Transform(test);
        var b = stepwise.Transform(test);
        Assert.That(combined.CategoricalColumns, Is.EqualTo(new[] { "Kind", "Shop", "Distance_na" }));
        Assert.That(combined.ContinuousColumns, Is.EqualTo(new[] { "Distance", "Temperature", "Visits" }));
        foreach (var key in combined.CategoricalColumns)
            Assert.That(a.Column<uint>(key), Is.EqualTo(b.Column<uint>(key)), key);
        Assert.That(a.Column<float>("Distance"), Is.EqualTo(b.Column<float>("Distance")));
        Assert.That(a.Column<double>("Temperature"), Is.EqualTo(b.Column<double>("Temperature")));
        Assert.That(a.Column<float>("Visits"), Is.EqualTo(b.Column<float>("Visits")));
    }

    [Test]
    public void Outputs_AreKeysAndFiniteNormalizedNumbers()
    {
        var context = TestData.Context();
        var train = context.View(Rows(300, 3));

        var output = context.Transforms.TabularPreprocess(Options()).Fit(train).Transform(train);

        Assert.That(output.Schema["Distance_na"].Type, Is.InstanceOf<KeyDataViewType>());
        Assert.That(((KeyDataViewType)output.Schema["Distance_na"].Type).Count, Is.EqualTo(2UL));
        Assert.That(output.Column<float>("Distance").All(float.IsFinite), Is.True);
        var temperature = output.Column<double>("Temperature");
        Assert.That(temperature.Average(), Is.EqualTo(0).Within(1e-9));
        var std = Math.Sqrt(temperature.Sum(t => t * t) / (temperature.Length - 1));
        Assert.That(std, Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void ListingAColumnAsBothKinds_Fails()
    {
        var context = TestData.Context();
        var options = Options();
        options.ContinuousColumns = ["Shop"];

        var error = Assert.Throws<ArgumentException>(() => context.Transforms.TabularPreprocess(options).Fit(context.View(Rows(5, 1))));
        Assert.That(error!.Message, Does.Contain("'Shop'").And.Contain("both categorical and continuous"));
    }

    [Test]
    public void EstimatorOutputSchema_DeclaresKeysAndNumbers()
    {
        var context = TestData.Context();
        var shape = context.Transforms.TabularPreprocess(Options()).GetOutputSchema(TestData.Shape(context.View(Rows(1, 1)).Schema));

        Assert.That(shape.Single(c => c.Name == "Kind").IsKey, Is.True);
        Assert.That(shape.Single(c => c.Name == "Visits").ItemType, Is.EqualTo(NumberDataViewType.Single));
    }
}
