namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>
/// The pointing game (Zhang et al. 2016): a heatmap scores a hit when its maximum, upsampled to the image, lands on
/// the object — in the paper's definition within <see cref="StandardTolerance"/> pixels of it, to absorb annotation
/// imprecision; tolerance 0 asks for the object pixel itself. Chance is the share of the image within the same
/// tolerance of the object.
/// </summary>
public static class PointingGame
{
    /// <summary>The original paper's tolerance, in image pixels.</summary>
    public const int StandardTolerance = 15;

    /// <summary>True when the maximum of the upsampled heatmap falls on (within <paramref name="tolerance"/> of) the object.</summary>
    /// <param name="heatmap">The heatmap, [rows, columns] row-major.</param>
    /// <param name="rows">Heatmap rows.</param>
    /// <param name="columns">Heatmap columns.</param>
    /// <param name="mask">The object in the image the heatmap was computed for.</param>
    /// <param name="tolerance">Pixels of tolerance; 0 for the strict game.</param>
    public static bool Hit(IReadOnlyList<float> heatmap, int rows, int columns, ObjectMask mask, int tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var (y, x) = Peak(heatmap, rows, columns, mask.Height, mask.Width);
        return mask.Near(y, x, tolerance);
    }

    /// <summary>The image pixel where the heatmap, bilinearly upsampled to the image, is largest (the first on ties).</summary>
    /// <param name="heatmap">The heatmap, [rows, columns] row-major.</param>
    /// <param name="rows">Heatmap rows.</param>
    /// <param name="columns">Heatmap columns.</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    public static (int Y, int X) Peak(IReadOnlyList<float> heatmap, int rows, int columns, int height, int width)
    {
        var map = HeatmapUpsampler.Bilinear(heatmap, rows, columns, height, width);
        var best = 0;
        for (var k = 1; k < map.Length; k++) if (map[k] > map[best]) best = k;
        return (best / width, best % width);
    }

    /// <summary>The hit rate of a uniformly random point: the share of pixels within <paramref name="tolerance"/> of the object.</summary>
    /// <param name="mask">The object.</param>
    /// <param name="tolerance">Pixels of tolerance.</param>
    public static double Chance(ObjectMask mask, int tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return tolerance == 0 ? mask.Share : mask.Dilate(tolerance).Share;
    }

    /// <summary>Whether always pointing at the image's centre hits: the baseline a centred photo sets.</summary>
    /// <param name="mask">The object.</param>
    /// <param name="tolerance">Pixels of tolerance.</param>
    public static bool CentreHit(ObjectMask mask, int tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return mask.Near(mask.Height / 2, mask.Width / 2, tolerance);
    }
}
