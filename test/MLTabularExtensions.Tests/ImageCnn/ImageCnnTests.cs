using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.TorchSharp;

namespace MLTabularExtensions.Tests.ImageCnn;

[Category(TestCategories.Slow)]
public class ImageCnnTests
{
    internal static ImageCnnOptions Small(int epochs = 8) => new()
    {
        Widths = [16, 16, 32],
        Epochs = epochs,
        BatchSize = 10,
        MaxLearningRate = 1e-2,
        Dropout = 0.1,
        Threads = 2,
    };

    [Test]
    public void Trains_AndScoresAboveChance_WithMLNetsEvaluator()
    {
        var context = TestData.Context();
        var (train, test, _) = SyntheticShapes.Prepared(context);
        var reports = new List<MLTabularExtensions.TorchSharp.EpochReport>();
        var options = Small(8);
        options.ValidationData = test;
        options.Progress = new Progress<MLTabularExtensions.TorchSharp.EpochReport>(reports.Add);
        using var model = context.MulticlassClassification.Trainers.ImageCnn(options).Fit(train);
        var scored = model.Transform(test);
        var metrics = context.MulticlassClassification.Evaluate(scored);
        foreach (var r in reports) TestContext.Out.WriteLine(r.ToString());
        TestContext.Out.WriteLine($"accuracy {metrics.MacroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");
        Assert.That(metrics.MicroAccuracy, Is.GreaterThan(0.6), "three balanced classes: chance is 1/3");
        Assert.That(ClassNames.Of(scored.Schema["PredictedLabel"]), Is.EqualTo(ClassNames.Of(scored.Schema["Label"])));
        var truth = scored.GetColumn<uint>("Label").ToArray();
        var predicted = ClassNames.Predicted(context, scored);
        var names = ClassNames.Of(scored.Schema["Label"]);
        var agreeing = predicted.Where((name, i) => name == names[truth[i] - 1]).Count();
        Assert.That((double)agreeing / truth.Length, Is.EqualTo(metrics.MicroAccuracy).Within(1e-9), "a predicted name is right exactly when the prediction is");
        var heatmap = scored.Schema[options.HeatmapColumnName].Type as VectorDataViewType;
        Assert.That(heatmap!.Dimensions, Is.EqualTo(new[] { 4, 4 }), "32 px / 8 with three widths");
    }

    [Test]
    public void Mixing_IsSeeded_ChangesTheModel_AndStillLearns([Values(BatchMixing.MixUp, BatchMixing.CutMix)] BatchMixing mixing)
    {
        var context = TestData.Context();
        var (train, test, _) = SyntheticShapes.Prepared(context);
        (byte[] Onnx, double Accuracy) Fit(BatchMixing kind)
        {
            var options = Small(4);
            options.Mixing = kind;
            using var model = context.MulticlassClassification.Trainers.ImageCnn(options).Fit(train);
            return ([.. model.OnnxModel], context.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy);
        }
        var first = Fit(mixing);
        var again = Fit(mixing);
        var plain = Fit(BatchMixing.None);
        TestContext.Out.WriteLine($"{mixing}: accuracy {first.Accuracy:F3}; without mixing {plain.Accuracy:F3}");
        Assert.That(again.Onnx, Is.EqualTo(first.Onnx), "same seed, same mixing draws: bit-identical network");
        Assert.That(plain.Onnx, Is.Not.EqualTo(first.Onnx), "mixing changes what the network sees");
        Assert.That(first.Accuracy, Is.GreaterThan(0.6), "three balanced classes: chance is 1/3");
    }
}
