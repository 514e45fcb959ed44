using Microsoft.ML.Data;
using MLTabularExtensions.Vision.Augmentation;

namespace MLTabularExtensions.Vision;

/// <summary>The augmentation of single images and pixel vectors, shared by <c>AugmentImages</c> and the CNN trainer.</summary>
internal static class ImageAugmentation
{
    private const int ColourChannels = 3;

    /// <summary>Row <paramref name="row"/> of pass <paramref name="pass"/>, drawn from the options' seed.</summary>
    public static MLImage Augment(MLImage image, ImageAugmentOptions options, long pass, long row) =>
        Augment(image, AugmentSampler.Draw(options, pass, row), options);

    /// <summary>The image under a given draw, at the options' output size.</summary>
    public static MLImage Augment(MLImage image, AugmentDraw draw, ImageAugmentOptions options)
    {
        var planes = ImagePlanes.FromImage(image);
        var result = ImageAugmenter.Apply(planes, draw, options.Height ?? image.Height, options.Width ?? image.Width,
            ColourChannels, pixelRange: 255);
        return ImagePlanes.ToImage(result, image.PixelFormat);
    }

    /// <summary>
    /// A pixel vector as <c>ExtractPixels</c> writes it (planes, values 0..<paramref name="pixelRange"/>) augmented
    /// in place of itself at the same size; every channel counts as colour.
    /// </summary>
    public static void AugmentPixels(Span<float> pixels, int channels, int height, int width, AugmentDraw draw, float pixelRange)
    {
        var image = new PlanarImage(channels, height, width, pixels.ToArray());
        var result = ImageAugmenter.Apply(image, draw, height, width, channels, pixelRange);
        result.Pixels.CopyTo(pixels);
    }
}
