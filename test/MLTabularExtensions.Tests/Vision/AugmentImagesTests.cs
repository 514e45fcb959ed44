using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLTabularExtensions.Vision;
using SkiaSharp;

namespace MLTabularExtensions.Tests.Vision;

public class AugmentImagesTests
{
    private sealed class ImageRow
    {
        public string Path { get; set; } = "";
    }

    private static IDataView Load(MLContext context, params string[] paths) =>
        context.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: "Path")
            .Fit(context.Data.LoadFromEnumerable(paths.Select(p => new ImageRow { Path = p })))
            .Transform(context.Data.LoadFromEnumerable(paths.Select(p => new ImageRow { Path = p })));

    private static List<byte[]> Pixels(IDataView data, string column = "Augmented")
    {
        var result = new List<byte[]>();
        using var cursor = data.GetRowCursor([data.Schema[column]]);
        var getter = cursor.GetGetter<MLImage>(data.Schema[column]);
        MLImage image = null!;
        while (cursor.MoveNext())
        {
            getter(ref image);
            result.Add(image.Pixels.ToArray());
        }
        return result;
    }

    [Test]
    public void EachPass_DrawsAgain_AndTheSameSeedRepeatsThePasses()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var data = Load(context, images.Gradient("a.png", 40, 30), images.Gradient("b.png", 30, 40));
        var augmented = context.Transforms.AugmentImages("Augmented", "Image", new ImageAugmentOptions { Seed = 5 }).Fit(data).Transform(data);
        var first = Pixels(augmented);
        var second = Pixels(augmented);
        Assert.That(second[0], Is.Not.EqualTo(first[0]), "a second pass must see new draws");
        var again = context.Transforms.AugmentImages("Augmented", "Image", new ImageAugmentOptions { Seed = 5 }).Fit(data).Transform(data);
        Assert.That(Pixels(again), Is.EqualTo(first));
        Assert.That(Pixels(again), Is.EqualTo(second));
    }

    [Test]
    public void ProbabilityZero_GivesTheLoadedImageBack()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var data = Load(context, images.Gradient("a.png", 17, 9));
        var options = new ImageAugmentOptions { Flip = false, AffineProbability = 0, LightingProbability = 0 };
        var augmented = context.Transforms.AugmentImages("Augmented", "Image", options).Fit(data).Transform(data);
        Assert.That(Pixels(augmented), Is.EqualTo(Pixels(augmented, "Image")));
    }

    [Test]
    public void OutputSize_GivesAnImageColumnOfThatSize_ForNonSquareAndSmallerImages()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var data = Load(context, images.Gradient("wide.png", 60, 20), images.Gradient("small.png", 8, 8));
        var estimator = context.Transforms.AugmentImages("Augmented", "Image", new ImageAugmentOptions { Width = 24, Height = 16 });
        var shape = estimator.GetOutputSchema(TestData.Shape(data.Schema));
        Assert.That(shape.Any(c => c.Name == "Augmented" && c.ItemType is ImageDataViewType), Is.True);
        var augmented = estimator.Fit(data).Transform(data);
        var type = (ImageDataViewType)augmented.Schema["Augmented"].Type;
        Assert.That((type.Width, type.Height), Is.EqualTo((24, 16)));
        Assert.That(Pixels(augmented).Select(p => p.Length), Is.All.EqualTo(24 * 16 * 4));
    }

    [Test]
    public void SavedModel_HoldsTheDeterministicCentreCrop_NotTheAugmentation()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var data = Load(context, images.Gradient("a.png", 48, 32));
        var model = context.Transforms.AugmentImages("Augmented", "Image", new ImageAugmentOptions { Width = 24, Height = 24 }).Fit(data);
        var path = Path.Combine(images.Folder, "model.zip");
        context.Model.Save(model, data.Schema, path);
        var loaded = context.Model.Load(path, out _);
        var scored = loaded.Transform(data);
        var first = Pixels(scored);
        Assert.That(Pixels(scored), Is.EqualTo(first), "the saved form must not draw anything");
        Assert.That(Pixels(model.ScoringForm.Transform(data)), Is.EqualTo(first));
        Assert.That(first[0], Has.Length.EqualTo(24 * 24 * 4));
    }

    [Test]
    public void PredictionEngine_IsRefused_WithTheReason()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var data = Load(context, images.Gradient("a.png", 10, 10));
        var model = context.Transforms.AugmentImages("Augmented", "Image").Fit(data);
        var error = Assert.Throws<InvalidOperationException>(() => model.GetRowToRowMapper(data.Schema));
        Assert.That(error!.Message, Does.Contain("training-data transform").And.Contain("ScoringForm"));
    }

    [Test]
    public void GrayscaleAndAlphaImages_LoadAsFourChannels_AndAlphaIsNotLit()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var gray = images.Png("gray.png", 12, 10, (x, y) => new SKColor((byte)(x * 20), (byte)(x * 20), (byte)(x * 20)), SKColorType.Gray8);
        var alpha = images.Png("alpha.png", 12, 10, (x, y) => new SKColor(200, 100, 50, (byte)(60 + y * 10)));
        var data = Load(context, gray, alpha);
        var options = new ImageAugmentOptions { Flip = false, AffineProbability = 0, LightingProbability = 1 };
        var augmented = Pixels(context.Transforms.AugmentImages("Augmented", "Image", options).Fit(data).Transform(data));
        var original = Pixels(data, "Image");
        Assert.That(augmented[0], Is.Not.EqualTo(original[0]));
        for (var k = 0; k < original[1].Length; k += 4)
        {
            Assert.That(augmented[1][k + 3], Is.EqualTo(original[1][k + 3]), "alpha is not colour");
            Assert.That(augmented[0][k] == augmented[0][k + 1] && augmented[0][k + 1] == augmented[0][k + 2], Is.True, "grey stays grey");
        }
    }

    [Test]
    public void MissingOrWrongColumn_IsNamed()
    {
        var context = TestData.Context();
        var data = context.Data.LoadFromEnumerable([new ImageRow { Path = "x.png" }]);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.AugmentImages("Out", "Image").Fit(data));
        Assert.That(missing!.Message, Does.Contain("'Image' was not found"));
        var wrong = Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.AugmentImages("Out", "Path").Fit(data));
        Assert.That(wrong!.Message, Does.Contain("'Path'").And.Contain("LoadImages"));
    }

    [Test]
    public void OptionsOutOfRange_AreRefused()
    {
        var context = TestData.Context();
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.AugmentImages("A", "B", new ImageAugmentOptions { AffineProbability = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.Transforms.AugmentImages("A", "B", new ImageAugmentOptions { MaxZoom = 0.9 }));
        var half = Assert.Throws<ArgumentException>(() => context.Transforms.AugmentImages("A", "B", new ImageAugmentOptions { Width = 10 }));
        Assert.That(half!.Message, Does.Contain("both Width and Height"));
    }

    [Test]
    public void UnreadableImage_InAPipeline_ErrorNamesTheColumnAndRow()
    {
        using var images = new TestImages();
        var context = TestData.Context();
        var good = images.Gradient("good.png", 20, 20);
        var truncated = Path.Combine(images.Folder, "truncated.png");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..40]);
        var data = Load(context, good, truncated);
        var augmented = context.Transforms.AugmentImages("Augmented", "Image").Fit(data).Transform(data);
        var error = Assert.Throws<InvalidOperationException>(() => Pixels(augmented));
        Assert.That(error!.Message, Does.Contain("row 1 of column 'Image'"));
    }

    [Test]
    public void ImageFolder_NamesACorruptOrTruncatedFile()
    {
        using var images = new TestImages();
        Directory.CreateDirectory(Path.Combine(images.Folder, "cats"));
        var good = images.Gradient(Path.Combine("cats", "good.png"), 20, 20);
        File.WriteAllBytes(Path.Combine(images.Folder, "cats", "truncated.png"), File.ReadAllBytes(good)[..40]);
        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(images.Folder));
        Assert.That(error!.Message, Does.Contain("truncated.png").And.Contain("corrupt"));
        File.WriteAllText(Path.Combine(images.Folder, "cats", "truncated.png"), "not an image at all");
        Assert.That(Assert.Throws<InvalidDataException>(() => ImageFolder.Load(images.Folder))!.Message, Does.Contain("truncated.png"));
    }

    [Test]
    public void ATruncatedJpeg_IsReported_ThoughItsHeaderIsValid()
    {
        using var images = new TestImages();
        var png = images.Gradient("photo.png", 320, 240);
        var jpeg = Path.Combine(images.Folder, "photo.jpg");
        using (var bitmap = SkiaSharp.SKBitmap.Decode(png))
        using (var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90))
            File.WriteAllBytes(jpeg, data.ToArray());
        ImageFolder.CheckDecodes(jpeg);
        var cut = Path.Combine(images.Folder, "cut.jpg");
        var bytes = File.ReadAllBytes(jpeg);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 3)]);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.CheckDecodes(cut));

        Assert.That(error!.Message, Does.Contain("cut.jpg").And.Contain("the file ends before the image does"));
    }

    [Test]
    public void ImageFolder_ListsClassesByFolder_AndRefusesAnEmptyFolder()
    {
        using var images = new TestImages();
        var empty = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(images.Folder));
        Assert.That(empty!.Message, Does.Contain(images.Folder).And.Contain("no image files"));
        Directory.CreateDirectory(Path.Combine(images.Folder, "ants"));
        Directory.CreateDirectory(Path.Combine(images.Folder, "bees"));
        images.Gradient(Path.Combine("ants", "a.png"), 5, 5);
        images.Gradient(Path.Combine("bees", "b.png"), 5, 5);
        File.WriteAllText(Path.Combine(images.Folder, "bees", "notes.txt"), "ignored");
        var files = ImageFolder.Load(images.Folder);
        Assert.That(files.Select(f => f.Label), Is.EqualTo(new[] { "ants", "bees" }));
        // The catalog form gives the same rows as a data view for LoadImages(imageFolder: null, "ImagePath").
        var view = TestData.Context().Data.LoadImageFolder(images.Folder);
        Assert.That(view.Column<string>(nameof(ImageFile.ImagePath)), Is.EqualTo(files.Select(f => f.ImagePath)));
        Assert.That(view.Column<string>(nameof(ImageFile.Label)), Is.EqualTo(new[] { "ants", "bees" }));
    }
}
