using Microsoft.ML;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularNetPersistenceTests
{
    private static TabularNetOptions Options(IReadOnlyList<string> categorical, IReadOnlyList<string> continuous, int seed = 5) => new()
    {
        LabelColumnName = "Sales",
        CategoricalColumns = categorical,
        ContinuousColumns = continuous,
        Layers = [32, 16],
        Dropouts = [0.1, 0.1],
        EmbeddingDropout = 0.1,
        LogTarget = true,
        Epochs = 2,
        BatchSize = 32,
        MaxLearningRate = 1e-2,
        Seed = seed,
    };

    [Test]
    public void OnnxScores_EqualTorchSharpEvalModeOutputs()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(800, 1), SyntheticTabular.Rows(300, 2));
        var options = Options(preprocess.CategoricalColumns, preprocess.ContinuousColumns);
        options.LogTarget = false;
        options.YRange = (0, 600);
        var columns = TabularColumns.Resolve(train.Schema, options, TabularNetTask.Regression, "train");
        using var table = TabularTable.Read(train, columns, false, CPU, "train");
        using var validTable = TabularTable.Read(valid, columns, false, CPU, "valid");
        var shape = new TabularShape([.. columns.Categorical.Select(c => ((long)c.KeyCount + 1, 4))], columns.ContinuousWidth,
            [32, 16], [0.1, 0.1], 0.1, true, false, (0, 600), 1);
        using var model = new TabularNetTraining(options, columns, CPU, CatalogHost.None).Train(shape, table, null);
        var torchScores = TabularNetTraining.Predict(model, validTable);

        var onnx = TabularNetOnnxExport.Export(model, columns, logTarget: false, Scoring.RawOutputRow.Column);
        using var transformer = TabularNetTransformer.Create(columns, onnx, train);
        var onnxScores = transformer.Transform(valid).Column<float>("Score");

        Assert.That(onnxScores, Has.Length.EqualTo(torchScores.Length));
        var worst = onnxScores.Zip(torchScores, (a, b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(b))).Max();
        Assert.That(worst, Is.LessThan(1e-5), "largest relative difference");
    }

    [Test]
    public void OnnxGraph_LooksUpEveryEmbeddingInOneGather_AndFoldsEveryBatchNorm()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(300, 1), SyntheticTabular.Rows(10, 2));
        var options = Options(preprocess.CategoricalColumns, preprocess.ContinuousColumns);
        options.Epochs = 1;
        using var model = context.Regression.Trainers.TabularNet(options).Fit(train);

        var ops = global::Onnx.ModelProto.Parser.ParseFrom([.. model.OnnxModel]).Graph.Node.Select(n => n.OpType).ToList();
        Assert.That(preprocess.CategoricalColumns, Has.Count.GreaterThan(1));
        // ONNX Runtime dispatches every node on every call: a node per key column would cost a single row more than its arithmetic.
        Assert.That(ops.Count(o => o == "Gather"), Is.EqualTo(2), string.Join(", ", ops));
        Assert.That(ops.Count(o => o == "Gemm"), Is.EqualTo(3), string.Join(", ", ops));
        Assert.That(ops, Has.No.Member("Flatten").And.No.Member("BatchNormalization").And.No.Member("Sub"));
        Assert.That(ops.Count(o => o == "Mul"), Is.EqualTo(1), "only the embedding positions' multiply: no BatchNorm left as a Mul");
    }

    [Test]
    public void SameSeed_GivesBitIdenticalModels_OtherSeedDoesNot()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(10, 2));

        byte[] Train(int seed)
        {
            using var model = context.Regression.Trainers.TabularNet(Options(preprocess.CategoricalColumns, preprocess.ContinuousColumns, seed)).Fit(train);
            return [.. model.OnnxModel];
        }

        var first = Train(11);
        Assert.That(Train(11), Is.EqualTo(first));
        Assert.That(Train(12), Is.Not.EqualTo(first));
    }

    [Test]
    public void WholePipeline_SavesAndLoadsInFreshContext_WithIdenticalPredictions_AndLeavesNoTempFiles()
    {
        var context = TestData.Context();
        var trainRows = SyntheticTabular.Rows(600, 1);
        var testRows = SyntheticTabular.Rows(200, 9);
        var train = context.Data.LoadFromEnumerable(trainRows);
        var preprocess = context.Transforms.TabularPreprocess(new TabularPreprocess.TabularPreprocessOptions
        {
            CategoricalColumns = ["Shop", "Weekday"],
            ContinuousColumns = ["Price", "Temperature"],
        });
        var pipeline = preprocess.Append(context.Regression.Trainers.TabularNet(Options(["Shop", "Weekday", "Temperature_na"], ["Price", "Temperature"])));
        var model = pipeline.Fit(train);
        var expected = model.Transform(context.Data.LoadFromEnumerable(testRows)).Column<float>("Score");
        using var scratch = ScratchFolder.Create("tmp");
        var folder = scratch.Path;
        var path = Path.Combine(folder, "model.zip");
        context.Model.Save(model, train.Schema, path);
        model.LastTransformer.Dispose();

        var fresh = new MLContext { TempFilePath = folder }.RegisterTabularExtensions();
        var loaded = fresh.Model.Load(path, out _);
        var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(testRows)).Column<float>("Score");
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(Directory.GetFiles(folder), Has.Length.GreaterThan(1), "ONNX Runtime scores from a temporary copy");

        ((IDisposable)loaded).Dispose();
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "model.zip" }));
    }
}
