using SkiaSharp;

namespace MLTabularExtensions.Lessons.Pets;

/// <summary>
/// Writes a small deterministic stand-in for the Oxford-IIIT Pet subset in its layout (images/, trimaps/,
/// labels.csv): three classes of shapes (a reddish disc, a greenish square, a bluish triangle) at known random positions on a
/// textured background, with trimaps marking each shape (1 = object, 2 = background, 3 = its one-pixel border).
/// </summary>
public static class SyntheticPets
{
    private static readonly string[] Classes = ["disc", "square", "triangle"];

    /// <summary>Writes <paramref name="perClass"/> images per class into <paramref name="folder"/>; half are "trainval", half "test".</summary>
    public static void Write(string folder, int perClass, int width, int height, int seed)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "trimaps"));
        var random = new Random(seed);
        using var labels = new StreamWriter(Path.Combine(folder, "labels.csv"));
        labels.WriteLine("image,trimap,breed,species,split,orig_width,orig_height,width,height");
        for (var i = 0; i < perClass; i++)
        {
            for (var c = 0; c < Classes.Length; c++)
            {
                var name = $"{Classes[c]}_{i + 1}";
                var (pixels, trimap) = Draw(c, width, height, random);
                Save(Path.Combine(folder, "images", name + ".png"), pixels, width, height, SKColorType.Rgba8888);
                Save(Path.Combine(folder, "trimaps", name + ".png"), trimap, width, height, SKColorType.Gray8);
                var split = i % 2 == 0 ? "trainval" : "test";
                labels.WriteLine($"images/{name}.png,trimaps/{name}.png,{Classes[c]},shape,{split},{width},{height},{width},{height}");
            }
        }
    }

    private static (byte[] Pixels, byte[] Trimap) Draw(int shape, int width, int height, Random random)
    {
        var pixels = new byte[width * height * 4];
        var trimap = new byte[width * height];
        // Greyish backgrounds and a dominant colour channel per class: learnable from a few hundred images, and only
        // by looking at the object, which is what the heatmap test needs.
        var grey = random.Next(60, 190);
        var background = (R: grey + random.Next(-20, 21), G: grey + random.Next(-20, 21), B: grey + random.Next(-20, 21));
        int Dim() => random.Next(0, 110);
        var strong = random.Next(180, 256);
        var colour = shape switch
        {
            0 => (R: strong, G: Dim(), B: Dim()),
            1 => (R: Dim(), G: strong, B: Dim()),
            _ => (R: Dim(), G: Dim(), B: strong),
        };
        var size = Math.Min(width, height) * (0.25 + 0.15 * random.NextDouble());
        var cx = size + random.NextDouble() * (width - 2 * size);
        var cy = size + random.NextDouble() * (height - 2 * size);
        var inside = new bool[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                inside[y * width + x] = Inside(shape, (x - cx) / size, (y - cy) / size);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var k = y * width + x;
                var noise = random.Next(-12, 13);
                var (r, g, b) = inside[k] ? colour : background;
                pixels[4 * k] = Clamp(r + noise);
                pixels[4 * k + 1] = Clamp(g + noise);
                pixels[4 * k + 2] = Clamp(b + noise);
                pixels[4 * k + 3] = 255;
                trimap[k] = (byte)(inside[k] ? (OnEdge(inside, x, y, width, height) ? 3 : 1) : 2);
            }
        }
        return (pixels, trimap);
    }

    private static bool Inside(int shape, double u, double v) => shape switch
    {
        0 => u * u + v * v <= 1,
        1 => Math.Abs(u) <= 0.85 && Math.Abs(v) <= 0.85,
        _ => v <= 0.8 && v >= -1 + 2 * Math.Abs(u) - 0.2,
    };

    private static bool OnEdge(bool[] inside, int x, int y, int width, int height) =>
        x == 0 || y == 0 || x == width - 1 || y == height - 1
        || !inside[y * width + x - 1] || !inside[y * width + x + 1] || !inside[(y - 1) * width + x] || !inside[(y + 1) * width + x];

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static void Save(string path, byte[] pixels, int width, int height, SKColorType type)
    {
        var info = new SKImageInfo(width, height, type, type == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        using var image = SKImage.FromPixelCopy(info, pixels);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
