using MLTabularExtensions.Tests.TabularNet;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.Vision.TorchSharp;

namespace MLTabularExtensions.Tests.TorchSharp;

public sealed class GraphFileTests
{
    private static string[] GraphFiles() =>
        Directory.Exists(OnnxGraphFile.Folder) ? Directory.GetFiles(OnnxGraphFile.Folder) : [];

    [Test]
    public void TrainedTabularNet_ScoresFromItsOwnGraphFile_AndDisposeDeletesIt()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(400, 1), SyntheticTabular.Rows(50, 2));
        var before = GraphFiles();
        var model = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Epochs = 1,
        }).Fit(train);
        var created = GraphFiles().Except(before).ToArray();

        Assert.That(created, Has.Length.EqualTo(1), "one graph file per trained transformer");
        Assert.That(File.ReadAllBytes(created[0]), Is.EqualTo(model.OnnxModel));
        Assert.That(model.Transform(valid).Column<float>("Score"), Has.Length.EqualTo(50));
        model.Dispose();
        Assert.That(File.Exists(created[0]), Is.False, "Dispose deletes the graph file");
    }

    [Test]
    public void ImageCnn_AndEachWithHeatmapCopy_DeleteTheirOwnGraphFiles()
    {
        var context = TestData.Context();
        var (train, test, _) = ImageCnn.SyntheticShapes.Prepared(context);
        var before = GraphFiles();
        var model = context.MulticlassClassification.Trainers.ImageCnn(ImageCnn.ImageCnnTests.Small(epochs: 1)).Fit(train);
        var variant = model.WithHeatmap(HeatmapKind.GradCam, flipAveraged: true);
        var created = GraphFiles().Except(before).ToArray();

        Assert.That(created, Has.Length.EqualTo(2));
        Assert.That(variant.Transform(test).Column<uint>("PredictedLabel"), Is.Not.Empty);
        variant.Dispose();
        Assert.That(created.Count(File.Exists), Is.EqualTo(1), "disposing the copy leaves the original's file");
        Assert.That(model.Transform(test).Column<uint>("PredictedLabel"), Is.Not.Empty);
        model.Dispose();
        Assert.That(created.Any(File.Exists), Is.False);
    }

    [Test]
    public void DisposingTheLastGraph_RemovesTheFolder()
    {
        // A process killed before its exit handlers (test hosts are) must not leave an empty folder per run.
        OnnxGraphFile.DeleteFolder();
        var first = new OnnxGraphFile([1]);
        var second = new OnnxGraphFile([2]);

        first.Dispose();
        Assert.That(Directory.Exists(OnnxGraphFile.Folder), Is.True, "the second graph is still in it");
        second.Dispose();
        Assert.That(Directory.Exists(OnnxGraphFile.Folder), Is.False);
    }

    [Test]
    public void DeleteFolder_RemovesTheFilesOfTransformersStillAlive()
    {
        // What runs at process exit: a transformer nobody disposed must not leave its graph behind.
        var file = new OnnxGraphFile([1, 2, 3]);
        Assert.That(File.Exists(file.Path), Is.True);

        OnnxGraphFile.DeleteFolder();

        Assert.That(File.Exists(file.Path), Is.False);
        Assert.That(Directory.Exists(OnnxGraphFile.Folder), Is.False);
        Assert.DoesNotThrow(file.Dispose, "a transformer disposed after the folder went");
        Assert.DoesNotThrow(OnnxGraphFile.DeleteFolder, "a second call (nothing left) is harmless");
        Assert.DoesNotThrow(() => new OnnxGraphFile([4]).Dispose(), "the folder is created again when needed");
    }
}
