using SkiaSharp;

namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>Which pixels of an image show the object: the ground truth the pointing game scores heatmaps against.</summary>
public sealed class ObjectMask
{
    private readonly bool[] _pixels;

    /// <summary>A mask from its pixels, row-major.</summary>
    /// <param name="pixels">True on the object, [height · width] row-major.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    public ObjectMask(bool[] pixels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (pixels.Length != height * width)
            throw new ArgumentException($"A {height} × {width} mask needs {height * width} pixels, not {pixels.Length}.", nameof(pixels));
        _pixels = pixels;
        Height = height;
        Width = width;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>True where the object is.</summary>
    /// <param name="y">Row.</param>
    /// <param name="x">Column.</param>
    public bool this[int y, int x] => _pixels[y * Width + x];

    /// <summary>The share of the image the object covers.</summary>
    public double Share => (double)_pixels.Count(p => p) / _pixels.Length;

    /// <summary>
    /// The animal of an Oxford-IIIT Pet trimap (1 = animal, 2 = background, 3 = the undecided boundary band; the
    /// boundary does not count as animal).
    /// </summary>
    /// <param name="path">The trimap PNG.</param>
    public static ObjectMask FromTrimap(string path)
    {
        using var trimap = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"Trimap file '{path}' is corrupt, truncated or not an image.");
        var pixels = new bool[trimap.Width * trimap.Height];
        for (var y = 0; y < trimap.Height; y++)
            for (var x = 0; x < trimap.Width; x++)
                pixels[y * trimap.Width + x] = trimap.GetPixel(x, y).Red == 1;
        return new ObjectMask(pixels, trimap.Height, trimap.Width);
    }

    /// <summary>True when an object pixel lies within <paramref name="radius"/> pixels (Euclidean) of (y, x).</summary>
    /// <param name="y">Row.</param>
    /// <param name="x">Column.</param>
    /// <param name="radius">Tolerance in pixels; 0 asks for the pixel itself.</param>
    public bool Near(int y, int x, int radius)
    {
        for (var dy = -radius; dy <= radius; dy++)
        {
            var row = y + dy;
            if (row < 0 || row >= Height) continue;
            var reach = HalfWidth(radius, dy);
            for (var column = Math.Max(0, x - reach); column <= Math.Min(Width - 1, x + reach); column++)
                if (this[row, column]) return true;
        }
        return false;
    }

    /// <summary>The mask grown by <paramref name="radius"/> pixels: every pixel for which <see cref="Near"/> holds.</summary>
    /// <param name="radius">Tolerance in pixels.</param>
    public ObjectMask Dilate(int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        // Object pixels per row prefix, so each disc row is one subtraction: O(pixels · (2 · radius + 1)).
        var prefix = new int[Height, Width + 1];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                prefix[y, x + 1] = prefix[y, x] + (this[y, x] ? 1 : 0);
        var grown = new bool[_pixels.Length];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                for (var dy = -radius; dy <= radius && !grown[y * Width + x]; dy++)
                {
                    var row = y + dy;
                    if (row < 0 || row >= Height) continue;
                    var reach = HalfWidth(radius, dy);
                    grown[y * Width + x] = prefix[row, Math.Min(Width, x + reach + 1)] > prefix[row, Math.Max(0, x - reach)];
                }
        return new ObjectMask(grown, Height, Width);
    }

    private static int HalfWidth(int radius, int dy) => (int)Math.Floor(Math.Sqrt(radius * radius - dy * dy));
}
