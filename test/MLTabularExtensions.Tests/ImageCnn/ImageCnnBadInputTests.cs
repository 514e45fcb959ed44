using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Vision.TorchSharp;

namespace MLTabularExtensions.Tests.ImageCnn;

public class ImageCnnBadInputTests
{
    private sealed class Row
    {
        [VectorType(3 * 4 * 4)]
        public float[] Features { get; set; } = new float[48];

        public string Breed { get; set; } = "";
    }

    private static IDataView Keyed(MLContext context, IEnumerable<Row> rows) =>
        context.Transforms.Conversion.MapValueToKey("Label", "Breed").Fit(context.Data.LoadFromEnumerable(rows)).Transform(context.Data.LoadFromEnumerable(rows));

    private static ImageCnnOptions Options() => new() { ImageHeight = 4, ImageWidth = 4, Widths = [16], Epochs = 1, BatchSize = 2 };

    [Test]
    public void LabelWithOneClass_IsRefused()
    {
        var context = TestData.Context();
        var data = Keyed(context, Enumerable.Range(0, 4).Select(_ => new Row { Breed = "cat" }));
        var error = Assert.Throws<InvalidOperationException>(() => context.MulticlassClassification.Trainers.ImageCnn(Options()).Fit(data));
        Assert.That(error!.Message, Does.Contain("'Label'").And.Contain("at least two"));
    }

    [Test]
    public void EmptyTrainingData_IsRefused()
    {
        var context = TestData.Context();
        var data = Keyed(context, [new Row { Breed = "cat" }, new Row { Breed = "dog" }]);
        var empty = context.Data.SkipRows(data, 2);
        var error = Assert.Throws<InvalidOperationException>(() => context.MulticlassClassification.Trainers.ImageCnn(Options()).Fit(empty));
        Assert.That(error!.Message, Does.Contain("no rows"));
    }

    [Test]
    public void NonKeyLabel_MissingColumn_AndUnknownImageSize_AreNamed()
    {
        var context = TestData.Context();
        var data = context.Data.LoadFromEnumerable([new Row { Breed = "cat" }, new Row { Breed = "dog" }]);
        var options = Options();
        options.LabelColumnName = "Breed";
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => context.MulticlassClassification.Trainers.ImageCnn(options).Fit(data))!.Message,
            Does.Contain("'Breed'").And.Contain("MapValueToKey"));
        var missing = Options();
        missing.FeatureColumnName = "Pixels";
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => context.MulticlassClassification.Trainers.ImageCnn(missing).Fit(Keyed(context, [new Row { Breed = "a" }, new Row { Breed = "b" }])))!.Message,
            Does.Contain("'Pixels'").And.Contain("ExtractPixels"));
        var unknown = Options();
        (unknown.ImageHeight, unknown.ImageWidth) = (null, null);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => context.MulticlassClassification.Trainers.ImageCnn(unknown).Fit(Keyed(context, [new Row { Breed = "a" }, new Row { Breed = "b" }])))!.Message,
            Does.Contain("ImageHeight"));
    }

    [Test]
    public void NaNPixel_IsReportedWithItsRow()
    {
        var context = TestData.Context();
        var bad = new Row { Breed = "dog" };
        bad.Features[5] = float.NaN;
        var data = Keyed(context, [new Row { Breed = "cat" }, bad]);
        var error = Assert.Throws<InvalidOperationException>(() => context.MulticlassClassification.Trainers.ImageCnn(Options()).Fit(data));
        Assert.That(error!.Message, Does.Contain("row 1").And.Contain("NaN"));
    }

    [Test]
    public void CudaWithoutAGpu_AndAugmentationWithASize_AreRefusedClearly()
    {
        var context = TestData.Context();
        var data = Keyed(context, [new Row { Breed = "cat" }, new Row { Breed = "dog" }]);
        var cuda = Options();
        cuda.Device = MLTabularExtensions.TorchSharp.ComputeDevice.Cuda;
        Assert.That(Assert.Throws<InvalidOperationException>(() => context.MulticlassClassification.Trainers.ImageCnn(cuda).Fit(data))!.Message,
            Does.Contain("ImageCnn: the CUDA device was requested"));
        var sized = Options();
        sized.Augmentation = new MLTabularExtensions.Vision.ImageAugmentOptions { Width = 4, Height = 4 };
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => context.MulticlassClassification.Trainers.ImageCnn(sized))!.Message,
            Does.Contain("Augmentation"));
    }

    [Test]
    public void MixingAlphaThatIsNotAPositiveNumber_IsRefused([Values(0.0, -1.0, double.NaN, double.PositiveInfinity)] double alpha)
    {
        var options = Options();
        options.Mixing = BatchMixing.CutMix;
        options.MixingAlpha = alpha;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Context().MulticlassClassification.Trainers.ImageCnn(options));
        Assert.That(error!.Message, Does.Contain("MixingAlpha").And.Contain("positive"));
    }

    [Test]
    public void WidthThatIsNotAMultipleOfSixteen_IsRefused_NamingTheOption([Values(0, 8, 24)] int width)
    {
        var options = Options();
        options.Widths = [32, width];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Context().MulticlassClassification.Trainers.ImageCnn(options));
        Assert.That(error!.Message, Does.Contain("Widths").And.Contain("multiple of 16"));
    }
}
