using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;
using MLTabularExtensions.Vision.TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.ImageCnn;

public class ImageCnnExportTests
{
    [Test]
    public void OnnxScoresAndHeatmaps_EqualTorchSharpEvalMode([Values] HeatmapKind kind, [Values(32, 38)] int size, [Values] bool flipAveraged, [Values] bool smoothed)
    {
        // 38 pixels halve to 19, 10 and 5: the odd sizes exercise the last, partial pooling window.
        var context = TestData.Context();
        var (train, test, _) = SyntheticShapes.Prepared(context, size);
        var options = ImageCnnTests.Small(epochs: 2);
        var columns = ImageColumns.Resolve(train.Schema, options, "train");
        var table = ImageTable.Read(train, columns, "train");
        var shape = new ImageCnnShape(columns.Channels, columns.Height, columns.Width, options.Widths, columns.Classes, options.Dropout);
        using var module = new ImageCnnTraining(options, CPU, CatalogHost.None).Train(shape, table, null);
        var choice = new HeatmapChoice(kind, flipAveraged, smoothed);
        var graphs = new Dictionary<HeatmapChoice, byte[]>
        {
            [choice] = ImageCnnOnnxExport.Export(module, columns.Features, RawOutputRow.Column, RawClassRow.Column, options.HeatmapColumnName, choice),
        };
        using var transformer = ImageCnnTransformer.Create(columns, options, shape, graphs, choice, train);

        var testTable = ImageTable.Read(test, columns, "test");
        using var noGrad = no_grad();
        using var pixels = tensor(testTable.Pixels, [testTable.Rows, testTable.RowLength]);
        using var logits = module.forward(pixels);
        var expectedScores = logits.softmax(1).data<float>().ToArray();
        var expectedHeatmaps = module.Heatmap(pixels, kind, flipAveraged, smoothed).data<float>().ToArray();

        var scored = transformer.Transform(test);
        var scores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
        var heatmaps = scored.GetColumn<VBuffer<float>>("Heatmap").SelectMany(v => v.DenseValues()).ToArray();
        Assert.That(scores, Is.EqualTo(expectedScores).Within(1e-4));
        Assert.That(heatmaps, Has.Length.EqualTo(expectedHeatmaps.Length));
        var scale = expectedHeatmaps.Max(Math.Abs) + 1e-6f;
        Assert.That(heatmaps.Zip(expectedHeatmaps, (a, b) => Math.Abs(a - b) / scale).Max(), Is.LessThan(1e-4));
        Assert.That((transformer.Heatmap, transformer.FlipAveragedHeatmap, transformer.SmoothedHeatmap), Is.EqualTo((kind, flipAveraged, smoothed)));
    }

    [Test]
    public void SavedPipeline_LoadsAndGivesIdenticalOutputs_AndLeavesNoTempFiles()
    {
        var context = TestData.Context();
        var (train, test, preparation) = SyntheticShapes.Prepared(context);
        var raw = context.Data.LoadFromEnumerable(SyntheticShapes.Rows.Where(r => r.Split == "test"));
        using var model = context.MulticlassClassification.Trainers.ImageCnn(ImageCnnTests.Small(epochs: 2)).Fit(train);
        var folder = Path.Combine(Path.GetTempPath(), "mltab-cnn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "model.zip");
            context.Model.Save(preparation.Append(model), raw.Schema, path);
            var loadContext = new MLContext { TempFilePath = folder };
            loadContext.RegisterTabularExtensions();
            var loaded = loadContext.Model.Load(path, out _);
            var before = model.Transform(test);
            var after = loaded.Transform(raw);
            foreach (var column in new[] { "Score", "Heatmap" })
                Assert.That(after.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()),
                    Is.EqualTo(before.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray())), column);
            Assert.That(after.GetColumn<uint>("PredictedLabel"), Is.EqualTo(before.GetColumn<uint>("PredictedLabel")));
            (loaded as IDisposable)?.Dispose();
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "model.zip" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void SameSeed_GivesBitIdenticalModels_WithAugmentation()
    {
        var context = TestData.Context();
        var (train, _, _) = SyntheticShapes.Prepared(context);
        byte[] Train()
        {
            var options = ImageCnnTests.Small(epochs: 2);
            options.Augmentation = new MLTabularExtensions.Vision.ImageAugmentOptions { Seed = 3 };
            using var model = context.MulticlassClassification.Trainers.ImageCnn(options).Fit(train);
            return [.. model.OnnxModel];
        }
        var first = Train();
        var second = Train();
        Assert.That(second, Is.EqualTo(first));
    }
}
