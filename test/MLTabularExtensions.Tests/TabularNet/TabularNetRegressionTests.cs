using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Metrics;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularNetRegressionTests
{
    private static TabularNetOptions Options(MLTabularExtensions.TabularPreprocess.TabularPreprocessTransformer preprocess, IDataView? valid = null) => new()
    {
        LabelColumnName = "Sales",
        CategoricalColumns = preprocess.CategoricalColumns,
        ContinuousColumns = preprocess.ContinuousColumns,
        Layers = [64, 32],
        Dropouts = [0.001, 0.01],
        EmbeddingDropout = 0.04,
        LogTarget = true,
        YRange = (0, 7),
        Epochs = 4,
        BatchSize = 64,
        MaxLearningRate = 1e-2,
        WeightDecay = 0.2,
        Seed = 3,
        ValidationData = valid,
    };

    [Test]
    public void Trains_ReportsEpochs_AndScoresThroughOnnxWithStandardColumns()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(3000, 1), SyntheticTabular.Rows(600, 2));
        var reports = new List<EpochReport>();
        var options = Options(preprocess, valid);
        options.Progress = new SynchronousProgress<EpochReport>(reports.Add);

        using var model = context.Regression.Trainers.TabularNet(options).Fit(train);
        var scored = model.Transform(valid);

        Assert.That(reports.Select(r => r.Epoch), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(reports[^1].TrainLoss, Is.LessThan(reports[0].TrainLoss));
        Assert.That(reports.All(r => r.ValidMetric is > 0 && r.RowsPerSecond > 0), Is.True);
        Assert.That(scored.Schema["Score"].Type, Is.EqualTo(NumberDataViewType.Single));
        var rmspe = Rmspe.Evaluate(scored, labelColumnName: "Sales");
        Assert.That(rmspe, Is.EqualTo(reports[^1].ValidMetric!.Value).Within(1e-4), "ONNX scores match the loop's own validation");
        Assert.That(rmspe, Is.LessThan(0.12), "a naive constant prediction scores about 0.35 here");
        var metrics = context.Regression.Evaluate(scored, labelColumnName: "Sales");
        Assert.That(metrics.RSquared, Is.GreaterThan(0.8));
    }

    [Test]
    public void BFloat16Linears_AreSeeded_AndLearnAsWellAsFloat32()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(3000, 1), SyntheticTabular.Rows(600, 2));
        (byte[] Onnx, double Rmspe, double LoopRmspe) Fit(bool bfloat16)
        {
            var reports = new List<EpochReport>();
            var options = Options(preprocess, valid);
            options.BFloat16Linears = bfloat16;
            options.Progress = new SynchronousProgress<EpochReport>(reports.Add);
            using var model = context.Regression.Trainers.TabularNet(options).Fit(train);
            return ([.. model.OnnxModel], Rmspe.Evaluate(model.Transform(valid), labelColumnName: "Sales"), reports[^1].ValidMetric!.Value);
        }
        var half = Fit(bfloat16: true);
        var again = Fit(bfloat16: true);
        var full = Fit(bfloat16: false);
        TestContext.Out.WriteLine($"RMSPE: bfloat16 {half.Rmspe:F4} (loop {half.LoopRmspe:F4}), float32 {full.Rmspe:F4}");

        Assert.That(again.Onnx, Is.EqualTo(half.Onnx), "same seed: bit-identical weights");
        Assert.That(full.Onnx, Is.Not.EqualTo(half.Onnx), "the products really ran in bfloat16");
        Assert.That(half.Rmspe, Is.LessThan(full.Rmspe * 1.15), "bfloat16 products learn about as well");
        // The exported graph computes in float32, the loop's validation in bfloat16: close, not identical.
        Assert.That(half.Rmspe, Is.EqualTo(half.LoopRmspe).Within(0.03 * half.LoopRmspe));
    }
}
