namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>
/// Applies an <see cref="AugmentDraw"/> to a <see cref="PlanarImage"/>: crop, dihedral flip, perspective warp, zoom
/// and rotation are composed into one inverse map and resampled once (bilinear, reflection padding, pixel centres
/// on the corners as <c>grid_sample(align_corners=True)</c>); brightness and contrast then act on the logit of each
/// colour value.
/// </summary>
internal static class ImageAugmenter
{
    private const double LogitClamp = 1e-7;

    /// <param name="source">The image.</param>
    /// <param name="draw">What to apply.</param>
    /// <param name="height">Output rows (the image is scaled to cover the output, then cropped).</param>
    /// <param name="width">Output columns.</param>
    /// <param name="colourChannels">How many leading channels lighting changes (alpha is left alone).</param>
    /// <param name="pixelRange">The value of a fully lit pixel (255 for bytes, 1 for unit floats).</param>
    public static PlanarImage Apply(PlanarImage source, AugmentDraw draw, int height, int width, int colourChannels,
        float pixelRange)
    {
        var output = PlanarImage.Empty(source.Channels, height, width);
        Resample(source, draw, output);
        if (draw.ChangesLighting) Light(output, draw, colourChannels, pixelRange);
        return output;
    }

    private static void Resample(PlanarImage source, AugmentDraw draw, PlanarImage output)
    {
        int w = source.Width, h = source.Height;
        var scale = Math.Max((double)output.Width / w, (double)output.Height / h);
        var left = (w * scale - output.Width) * draw.CropColumn;
        var top = (h * scale - output.Height) * draw.CropRow;
        double centreX = (w - 1) / 2.0, centreY = (h - 1) / 2.0;
        double halfW = w > 1 ? centreX : 1, halfH = h > 1 ? centreY : 1;
        var warp = draw.Warp is { } m && m.Any(v => v != 0) ? Perspective.SymmetricWarp(m) : null;
        var (sin, cos) = (double.SinPi(draw.RotateDegrees / 180), double.CosPi(draw.RotateDegrees / 180));
        var shiftX = (1 - 1 / draw.Zoom) * (2 * draw.ZoomColumn - 1);
        var shiftY = (1 - 1 / draw.Zoom) * (2 * draw.ZoomRow - 1);
        var plane = h * w;
        var outPlane = output.Height * output.Width;
        for (var i = 0; i < output.Height; i++)
        {
            for (var j = 0; j < output.Width; j++)
            {
                // Output pixel → its place in the source, normalised to [-1, 1] across each side.
                var x = ((j + left + 0.5) / scale - 0.5 - centreX) / halfW;
                var y = ((i + top + 0.5) / scale - 0.5 - centreY) / halfH;
                if ((draw.Dihedral & 1) != 0) x = -x;
                if ((draw.Dihedral & 2) != 0) y = -y;
                if ((draw.Dihedral & 4) != 0) (x, y) = (y, x);
                if (warp is not null) (x, y) = warp.Map(x, y);
                x = x / draw.Zoom + shiftX;
                y = y / draw.Zoom + shiftY;
                // Rotate in pixel units, so that non-square images turn without shearing.
                double u = x * halfW, v = y * halfH;
                var sx = Reflect(cos * u - sin * v + centreX, w);
                var sy = Reflect(sin * u + cos * v + centreY, h);
                int x0 = (int)sx, y0 = (int)sy;
                int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
                float fx = (float)(sx - x0), fy = (float)(sy - y0);
                float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
                int i00 = y0 * w + x0, i01 = y0 * w + x1, i10 = y1 * w + x0, i11 = y1 * w + x1;
                var target = i * output.Width + j;
                for (var c = 0; c < source.Channels; c++)
                {
                    var p = source.Pixels.AsSpan(c * plane, plane);
                    output.Pixels[c * outPlane + target] = w00 * p[i00] + w01 * p[i01] + w10 * p[i10] + w11 * p[i11];
                }
            }
        }
    }

    /// <summary>Folds a coordinate back into [0, size − 1] by mirroring at the edge pixel centres.</summary>
    internal static double Reflect(double coordinate, int size)
    {
        if (size == 1) return 0;
        var span = size - 1;
        var c = Math.Abs(coordinate) % (2.0 * span);
        return c > span ? 2.0 * span - c : c;
    }

    private static void Light(PlanarImage image, AugmentDraw draw, int colourChannels, float pixelRange)
    {
        var shift = Logit(draw.Brightness);
        var count = Math.Min(colourChannels, image.Channels) * image.Height * image.Width;
        var pixels = image.Pixels.AsSpan(0, count);
        for (var k = 0; k < pixels.Length; k++)
            pixels[k] = (float)(pixelRange / (1 + Math.Exp(-(Logit(pixels[k] / pixelRange) + shift) * draw.Contrast)));
    }

    /// <summary>fastai's <c>logit_</c>: the value clamped to [1e-7, 1 − 1e-7], then log(p / (1 − p)).</summary>
    internal static double Logit(double p)
    {
        p = Math.Clamp(p, LogitClamp, 1 - LogitClamp);
        return Math.Log(p / (1 - p));
    }
}
