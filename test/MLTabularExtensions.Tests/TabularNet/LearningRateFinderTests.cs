using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class LearningRateFinderTests
{
    [Test]
    public void FindLearningRate_SweepsRatesExponentially_AndStopsWhenTheLossExplodes()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(2000, 1), SyntheticTabular.Rows(10, 2));
        var trainer = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Layers = [32],
            LogTarget = true,
            BatchSize = 32,
        });

        var curve = trainer.FindLearningRate(train, start: 1e-6, end: 100, steps: 120);

        Assert.That(curve[0].LearningRate, Is.EqualTo(1e-6).Within(1e-12));
        Assert.That(curve.Zip(curve.Skip(1)).All(p => Math.Abs(p.Second.LearningRate / p.First.LearningRate - Math.Pow(1e8, 1.0 / 119)) < 1e-9), Is.True);
        var best = curve.MinBy(p => p.Loss);
        Assert.That(best.Loss, Is.LessThan(curve[0].Loss * 0.8), "the loss falls at useful rates");
        Assert.That(curve, Has.Count.LessThan(120), "a learning rate of 100 makes the loss explode before the end");
        Assert.That(curve[^1].Loss > 4 * best.Loss || !double.IsFinite(curve[^1].Loss), Is.True);
    }
}
