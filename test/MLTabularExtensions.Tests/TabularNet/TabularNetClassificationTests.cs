using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularNetClassificationTests
{
    [Test]
    public void BinaryClassifier_EmitsStandardColumns_AndBeatsChance()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(3000, 1), SyntheticTabular.Rows(800, 2));
        var messages = new List<string>();
        context.Log += (_, e) => { if (e.Message.Contains("epoch", StringComparison.Ordinal)) messages.Add(e.Message); };

        using var model = context.BinaryClassification.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Busy",
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Layers = [32, 16],
            Epochs = 4,
            BatchSize = 64,
            MaxLearningRate = 1e-2,
            ValidationData = valid,
        }).Fit(train);
        var scored = model.Transform(valid);
        var metrics = context.BinaryClassification.Evaluate(scored, labelColumnName: "Busy");

        Assert.That(scored.Schema["PredictedLabel"].Type, Is.EqualTo(BooleanDataViewType.Instance));
        Assert.That(scored.Column<float>("Probability").All(p => p is >= 0 and <= 1), Is.True);
        var majority = Math.Max(valid.Column<bool>("Busy").Average(b => b ? 1.0 : 0.0), valid.Column<bool>("Busy").Average(b => b ? 0.0 : 1.0));
        Assert.That(metrics.Accuracy, Is.GreaterThan(majority + 0.1));
        Assert.That(metrics.AreaUnderRocCurve, Is.GreaterThan(0.9));
        Assert.That(messages, Has.Count.EqualTo(4), "one MLContext.Log message per epoch");
    }
}
