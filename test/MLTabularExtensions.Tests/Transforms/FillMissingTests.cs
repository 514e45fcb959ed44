using Microsoft.ML;
using MLTabularExtensions.FillMissing;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class FillMissingTests
{
    private sealed class Row
    {
        public float A { get; set; }
        public double B { get; set; }
        public float Full { get; set; }
        public int Count { get; set; }
    }

    private static Row[] Rows(float[] a, double[] b) =>
        [.. a.Select((v, i) => new Row { A = v, B = b[i], Full = i, Count = i * 10 })];

    [Test]
    public void Median_OddAndEvenCounts_AndIndicatorsOnlyWhereTrainingHadMissing()
    {
        var context = TestData.Context();
        // A: non-missing {5, 1, 3} → median 3 (odd). B: non-missing {4, 1, 2, 10} → (2 + 4) / 2 = 3 (even).
        var train = context.View(Rows([5, float.NaN, 1, 3, float.NaN], [4, 1, double.NaN, 2, 10]));

        var model = context.Transforms.FillMissing(["A", "B", "Full", "Count"]).Fit(train);
        var output = model.Transform(train);

        Assert.That(output.Column<float>("A"), Is.EqualTo(new[] { 5f, 3f, 1f, 3f, 3f }));
        Assert.That(output.Column<double>("B"), Is.EqualTo(new[] { 4d, 1d, 3d, 2d, 10d }));
        Assert.That(output.Column<bool>("A_na"), Is.EqualTo(new[] { false, true, false, false, true }));
        Assert.That(output.Column<bool>("B_na"), Is.EqualTo(new[] { false, false, true, false, false }));
        Assert.That(output.Schema.GetColumnOrNull("Full_na"), Is.Null);
        Assert.That(output.Schema.GetColumnOrNull("Count_na"), Is.Null);
        Assert.That(model.IndicatorColumns, Is.EqualTo(new[] { "A_na", "B_na" }));
        Assert.That(model.Columns.Select(c => c.FillValue).Take(3), Is.EqualTo(new[] { 3d, 3d, 2d }));
    }

    [Test]
    public void LaterMissingValue_InColumnWithoutMissingInTraining_IsFilledWithTrainingMedian()
    {
        var context = TestData.Context();
        var train = context.View(Rows([1, 2, 3], [1, 2, 3]));
        var model = context.Transforms.FillMissing("Full").Fit(train);

        var later = context.View(new Row { Full = float.NaN }, new Row { Full = 7 });
        var output = model.Transform(later);

        // Full was 0, 1, 2 in training: median 1; no indicator column exists for it.
        Assert.That(output.Column<float>("Full"), Is.EqualTo(new[] { 1f, 7f }));
        Assert.That(output.Schema.GetColumnOrNull("Full_na"), Is.Null);
    }

    [Test]
    public void LaterData_UsesTrainingValues_NotItsOwn()
    {
        var context = TestData.Context();
        var model = context.Transforms.FillMissing("A").Fit(context.View(Rows([1, float.NaN, 9], [0, 0, 0])));

        var output = model.Transform(context.View(Rows([100, float.NaN, 300], [0, 0, 0])));

        Assert.That(output.Column<float>("A"), Is.EqualTo(new[] { 100f, 5f, 300f }));
        Assert.That(output.Column<bool>("A_na"), Is.EqualTo(new[] { false, true, false }));
    }

    [Test]
    public void Mode_TakesMostFrequent_SmallestOnTies()
    {
        var context = TestData.Context();
        var train = context.View(Rows([2, 7, 7, 2, float.NaN, 9], [5, 5, 1, 1, 1, double.NaN]));

        var model = context.Transforms.FillMissing(new FillMissingOptions { Columns = ["A", "B"], Strategy = FillMissingStrategy.Mode })
            .Fit(train);

        // A: 2 and 7 tie (twice each) → 2. B: 1 three times.
        Assert.That(model.Columns.Select(c => c.FillValue), Is.EqualTo(new[] { 2d, 1d }));
        Assert.That(model.Transform(train).Column<float>("A")[4], Is.EqualTo(2f));
    }

    [Test]
    public void Constant_FillsGivenValue_WithoutIndicatorsWhenDisabled()
    {
        var context = TestData.Context();
        var train = context.View(Rows([float.NaN, 1], [0, 0]));

        var output = context.Transforms.FillMissing(new FillMissingOptions
        {
            Columns = ["A"],
            Strategy = FillMissingStrategy.Constant,
            FillValue = -1.5,
            AddIndicators = false,
        }).Fit(train).Transform(train);

        Assert.That(output.Column<float>("A"), Is.EqualTo(new[] { -1.5f, 1f }));
        Assert.That(output.Schema.GetColumnOrNull("A_na"), Is.Null);
    }

    [Test]
    public void IntegerColumns_AreLeftUnchanged()
    {
        var context = TestData.Context();
        var train = context.View(Rows([1, 2], [1, 2]));

        var output = context.Transforms.FillMissing("Count").Fit(train).Transform(train);

        Assert.That(output.Column<int>("Count"), Is.EqualTo(new[] { 0, 10 }));
    }

    [Test]
    public void ColumnWithOnlyMissingValues_FailsWithColumnName()
    {
        var context = TestData.Context();
        var train = context.View(Rows([float.NaN, float.NaN], [1, 2]));

        var error = Assert.Throws<InvalidOperationException>(() => context.Transforms.FillMissing("A").Fit(train));
        Assert.That(error!.Message, Does.Contain("'A'").And.Contain("no non-missing value"));
    }

    [Test]
    public void ExistingIndicatorName_IsNotOverwritten()
    {
        var context = TestData.Context();
        var data = context.Transforms.CopyColumns("A_na", "Count").Fit(context.View(Rows([float.NaN, 1], [0, 0])))
            .Transform(context.View(Rows([float.NaN, 1], [0, 0])));

        var error = Assert.Throws<InvalidOperationException>(() => context.Transforms.FillMissing("A").Fit(data));
        Assert.That(error!.Message, Does.Contain("'A_na'").And.Contain("already exists"));
    }
}
