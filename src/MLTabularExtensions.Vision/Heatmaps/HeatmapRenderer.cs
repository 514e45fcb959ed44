using SkiaSharp;

namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>
/// Draws a model's heatmap over the image it was computed from, as the fastai lesson does: the map upsampled
/// bilinearly to the image, scaled to [0, 1], coloured with magma and blended with alpha 0.6.
/// </summary>
public static class HeatmapRenderer
{
    /// <summary>Opacity of the heatmap over the photo.</summary>
    public const float Alpha = 0.6f;

    /// <summary>Writes the overlay of <paramref name="heatmap"/> ([rows, columns], row-major) on the image file as a PNG.</summary>
    /// <param name="imagePath">The photo (any format SkiaSharp decodes).</param>
    /// <param name="heatmap">The heatmap values.</param>
    /// <param name="rows">Heatmap rows.</param>
    /// <param name="columns">Heatmap columns.</param>
    /// <param name="pngPath">Where to write the PNG.</param>
    public static void WriteOverlay(string imagePath, IReadOnlyList<float> heatmap, int rows, int columns, string pngPath)
    {
        using var photo = SKBitmap.Decode(imagePath)
            ?? throw new InvalidDataException($"Image file '{imagePath}' is corrupt, truncated or not an image.");
        using var overlay = Overlay(photo, heatmap, rows, columns);
        Save(overlay, pngPath);
    }

    /// <summary>The photo with the heatmap blended over it.</summary>
    /// <param name="photo">The photo.</param>
    /// <param name="heatmap">The heatmap values, [rows, columns] row-major.</param>
    /// <param name="rows">Heatmap rows.</param>
    /// <param name="columns">Heatmap columns.</param>
    public static SKBitmap Overlay(SKBitmap photo, IReadOnlyList<float> heatmap, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var map = HeatmapUpsampler.Bilinear(heatmap, rows, columns, photo.Height, photo.Width);
        float min = map.Min(), max = map.Max();
        var range = max > min ? max - min : 1;
        var result = new SKBitmap(new SKImageInfo(photo.Width, photo.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var pixel = photo.GetPixel(x, y);
                var (r, g, b) = MagmaColorMap.At((map[y * photo.Width + x] - min) / range);
                result.SetPixel(x, y, new SKColor(Blend(pixel.Red, r), Blend(pixel.Green, g), Blend(pixel.Blue, b)));
            }
        }
        return result;
    }

    /// <summary>Tiles PNG files into one sheet, <paramref name="columns"/> per row, each scaled to fit a square cell.</summary>
    /// <param name="pngPaths">The images, in reading order.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="cell">Cell side in pixels.</param>
    /// <param name="sheetPath">Where to write the sheet PNG.</param>
    public static void WriteContactSheet(IReadOnlyList<string> pngPaths, int columns, int cell, string sheetPath)
    {
        ArgumentNullException.ThrowIfNull(pngPaths);
        var images = pngPaths.Select(SKBitmap.Decode).ToArray();
        try
        {
            using var sheet = ContactSheet(images, columns, cell);
            Save(sheet, sheetPath);
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    /// <summary>The images tiled into one sheet, <paramref name="columns"/> per row, each scaled to fit a square cell.</summary>
    /// <param name="images">The images, in reading order.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="cell">Cell side in pixels.</param>
    public static SKBitmap ContactSheet(IReadOnlyList<SKBitmap> images, int columns, int cell)
    {
        ArgumentNullException.ThrowIfNull(images);
        var rows = (images.Count + columns - 1) / columns;
        var sheet = new SKBitmap(columns * cell, Math.Max(1, rows) * cell);
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(SKColors.Black);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            var scale = Math.Min((float)cell / image.Width, (float)cell / image.Height);
            var (w, h) = (image.Width * scale, image.Height * scale);
            var (left, top) = (i % columns * cell + (cell - w) / 2, i / columns * cell + (cell - h) / 2);
            canvas.DrawBitmap(image, new SKRect(left, top, left + w, top + h));
        }
        return sheet;
    }

    private static byte Blend(byte photo, byte colour) => (byte)MathF.Round((1 - Alpha) * photo + Alpha * colour);

    private static void Save(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
