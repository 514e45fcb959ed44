using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularNetMulticlassTests
{
    [Test]
    public void MulticlassClassifier_EmitsProbabilitiesAndKeyPredictions_ThatMlNetEvaluates_AndSurvivesSaveLoad()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(3000, 1), SyntheticTabular.Rows(800, 2));
        var labels = context.Transforms.Conversion.MapValueToKey("Label", "Level").Fit(train);
        var pipeline = context.MulticlassClassification.Trainers.TabularNet(new TabularNetOptions
        {
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Layers = [32, 16],
            Epochs = 4,
            MaxLearningRate = 1e-2,
        });
        using var model = pipeline.Fit(labels.Transform(train));
        var scored = model.Transform(labels.Transform(valid));

        Assert.That(scored.Schema["Score"].Type, Is.EqualTo(new VectorDataViewType(NumberDataViewType.Single, 3)));
        Assert.That(((KeyDataViewType)scored.Schema["PredictedLabel"].Type).Count, Is.EqualTo(3UL));
        var sums = scored.Column<VBuffer<float>>("Score").Select(v => v.DenseValues().Sum()).ToArray();
        Assert.That(sums.All(s => Math.Abs(s - 1) < 1e-4), Is.True, "probabilities sum to 1");
        var metrics = context.MulticlassClassification.Evaluate(scored);
        Assert.That(metrics.MacroAccuracy, Is.GreaterThan(0.7), "chance is about 0.33");

        using var stream = new MemoryStream();
        context.Model.Save(model, labels.Transform(train).Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().RegisterTabularExtensions().Model.Load(stream, out _);
        var reloaded = loaded.Transform(labels.Transform(valid));
        Assert.That(reloaded.Column<uint>("PredictedLabel"), Is.EqualTo(scored.Column<uint>("PredictedLabel")));
        Assert.That(ClassNames.Of(reloaded.Schema["PredictedLabel"]), Is.EqualTo(ClassNames.Of(scored.Schema["Label"])),
            "PredictedLabel carries the label's names in the label's key order");
        (loaded as IDisposable)?.Dispose();
    }
}
