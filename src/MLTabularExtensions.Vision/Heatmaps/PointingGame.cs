namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>
/// The pointing game (Zhang et al. 2016): a heatmap scores a hit when its maximum, upsampled to the image, lands on
/// the object. Chance is the share of the image the object covers.
/// </summary>
public static class PointingGame
{
    /// <summary>True when the maximum of the upsampled heatmap falls on a mask pixel.</summary>
    /// <param name="heatmap">The heatmap, [rows, columns] row-major.</param>
    /// <param name="rows">Heatmap rows.</param>
    /// <param name="columns">Heatmap columns.</param>
    /// <param name="mask">Object mask of the image, [height, width] row-major.</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    public static bool Hit(IReadOnlyList<float> heatmap, int rows, int columns, IReadOnlyList<bool> mask, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var map = HeatmapUpsampler.Bilinear(heatmap, rows, columns, height, width);
        var best = 0;
        for (var k = 1; k < map.Length; k++) if (map[k] > map[best]) best = k;
        return mask[best];
    }

    /// <summary>The share of mask pixels: the hit rate of a uniformly random point.</summary>
    /// <param name="mask">Object mask.</param>
    public static double Chance(IReadOnlyList<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return (double)mask.Count(m => m) / mask.Count;
    }
}
