using Microsoft.ML.Data;

namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>Converts ML.NET's <see cref="MLImage"/> (32-bit BGRA or RGBA) to and from R, G, B, A planes of bytes as floats.</summary>
internal static class ImagePlanes
{
    private const int Channels = 4;

    public static PlanarImage FromImage(MLImage image)
    {
        var (red, blue) = Offsets(image.PixelFormat);
        var pixels = image.Pixels;
        int h = image.Height, w = image.Width, plane = h * w;
        var result = PlanarImage.Empty(Channels, h, w);
        var data = result.Pixels;
        for (var k = 0; k < plane; k++)
        {
            var b = k * Channels;
            data[k] = pixels[b + red];
            data[plane + k] = pixels[b + 1];
            data[2 * plane + k] = pixels[b + blue];
            data[3 * plane + k] = pixels[b + 3];
        }
        return result;
    }

    public static MLImage ToImage(PlanarImage image, MLPixelFormat format)
    {
        var (red, blue) = Offsets(format);
        int plane = image.Height * image.Width;
        var bytes = new byte[plane * Channels];
        var data = image.Pixels;
        for (var k = 0; k < plane; k++)
        {
            var b = k * Channels;
            bytes[b + red] = ToByte(data[k]);
            bytes[b + 1] = ToByte(data[plane + k]);
            bytes[b + blue] = ToByte(data[2 * plane + k]);
            bytes[b + 3] = ToByte(data[3 * plane + k]);
        }
        return MLImage.CreateFromPixels(image.Width, image.Height, format, bytes);
    }

    private static (int Red, int Blue) Offsets(MLPixelFormat format) => format switch
    {
        MLPixelFormat.Bgra32 => (2, 0),
        MLPixelFormat.Rgba32 => (0, 2),
        _ => throw new NotSupportedException($"AugmentImages: pixel format {format} is not supported (expected Bgra32 or Rgba32, as LoadImages gives)."),
    };

    private static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);
}
