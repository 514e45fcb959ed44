namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>Bilinear upsampling of a coarse heatmap to an image's size, each cell's value sitting at its centre.</summary>
internal static class HeatmapUpsampler
{
    public static float[] Bilinear(IReadOnlyList<float> heatmap, int rows, int columns, int height, int width)
    {
        if (heatmap.Count != rows * columns)
            throw new ArgumentException($"The heatmap holds {heatmap.Count} values, not {rows} × {columns}.", nameof(heatmap));
        var result = new float[height * width];
        for (var y = 0; y < height; y++)
        {
            var (r0, r1, fy) = Neighbours((y + 0.5) * rows / height - 0.5, rows);
            for (var x = 0; x < width; x++)
            {
                var (c0, c1, fx) = Neighbours((x + 0.5) * columns / width - 0.5, columns);
                var top = heatmap[r0 * columns + c0] * (1 - fx) + heatmap[r0 * columns + c1] * fx;
                var bottom = heatmap[r1 * columns + c0] * (1 - fx) + heatmap[r1 * columns + c1] * fx;
                result[y * width + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return result;
    }

    private static (int Low, int High, float Fraction) Neighbours(double position, int count)
    {
        position = Math.Clamp(position, 0, count - 1);
        var low = (int)position;
        return (low, Math.Min(low + 1, count - 1), (float)(position - low));
    }
}
