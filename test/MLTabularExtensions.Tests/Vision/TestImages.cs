using SkiaSharp;

namespace MLTabularExtensions.Tests.Vision;

/// <summary>Writes small image files (colour, grayscale, with alpha, corrupt) into a temporary folder for one test.</summary>
internal sealed class TestImages : IDisposable
{
    public TestImages() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mltab-images-" + Guid.NewGuid().ToString("N"));

    /// <summary>A PNG whose pixel (x, y) has colour <paramref name="colour"/>(x, y).</summary>
    public string Png(string name, int width, int height, Func<int, int, SKColor> colour, SKColorType type = SKColorType.Rgba8888)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, type, type == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colour(x, y));
        var path = Path.Combine(Folder, name);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>A colourful gradient with a bright square, so geometric changes show.</summary>
    public string Gradient(string name, int width, int height) =>
        Png(name, width, height, (x, y) => new SKColor((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)),
            (byte)(x > width / 3 && x < width / 2 && y > height / 3 && y < height / 2 ? 250 : 20)));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
