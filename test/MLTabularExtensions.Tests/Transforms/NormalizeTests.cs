using Microsoft.ML.Data;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class NormalizeTests
{
    private sealed class Row
    {
        public float X { get; set; }
        public double D { get; set; }
        public int I { get; set; }
        public float Constant { get; set; } = 4;
    }

    [Test]
    public void UsesTrainingMeanAndSampleStd_AndAppliesThemUnchangedLater()
    {
        var context = TestData.Context();
        // X: mean 5, sample std sqrt(((−3)² + (−1)² + 1² + 3²) / 3) = sqrt(20 / 3).
        var train = context.View(new Row { X = 2, D = 2 }, new Row { X = 4, D = 4 }, new Row { X = 6, D = 6 }, new Row { X = 8, D = 8 });
        var model = context.Transforms.Normalize(["X", "D"]).Fit(train);
        var std = Math.Sqrt(20.0 / 3);

        Assert.That(model.Columns[0].Mean, Is.EqualTo(5));
        Assert.That(model.Columns[0].Std, Is.EqualTo(std).Within(1e-12));
        var later = model.Transform(context.View(new Row { X = 5, D = 5 }, new Row { X = 15, D = 15 }));
        Assert.That(later.Column<float>("X"), Is.EqualTo(new[] { 0f, (float)(10 / (std + 1e-7)) }).Within(1e-6f));
        Assert.That(later.Column<double>("D"), Is.EqualTo(new[] { 0d, 10 / (std + 1e-7) }).Within(1e-12));
    }

    [Test]
    public void ConstantColumn_StaysFinite()
    {
        var context = TestData.Context();
        var train = context.View(new Row(), new Row(), new Row());

        var model = context.Transforms.Normalize("Constant").Fit(train);
        var output = model.Transform(context.View(new Row(), new Row { Constant = 4.5f }));

        Assert.That(model.Columns[0].Std, Is.EqualTo(0));
        Assert.That(output.Column<float>("Constant")[0], Is.EqualTo(0f));
        Assert.That(float.IsFinite(output.Column<float>("Constant")[1]), Is.True);
    }

    [Test]
    public void IntegerColumn_BecomesSingle()
    {
        var context = TestData.Context();
        var train = context.View(new Row { I = 1 }, new Row { I = 3 });

        var output = context.Transforms.Normalize("I").Fit(train).Transform(train);

        Assert.That(output.Schema["I"].Type, Is.EqualTo(NumberDataViewType.Single));
        Assert.That(output.Column<float>("I"), Is.EqualTo(new[] { -0.70710677f, 0.70710677f }).Within(1e-6f));
    }

    [Test]
    public void MissingValues_AreIgnoredByStatistics_AndStayMissing()
    {
        var context = TestData.Context();
        var train = context.View(new Row { X = 1 }, new Row { X = float.NaN }, new Row { X = 3 });

        var model = context.Transforms.Normalize("X").Fit(train);

        Assert.That(model.Columns[0].Mean, Is.EqualTo(2));
        Assert.That(model.Transform(train).Column<float>("X")[1], Is.NaN);
    }
}
