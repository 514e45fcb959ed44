using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// The filter of a smoothed heatmap: the 3 × 3 binomial kernel ([1 2 1]ᵀ · [1 2 1] / 16) over the cells, each result
/// divided by the kernel weight that fell inside the map, so a constant map stays constant up to its border. One
/// definition for training-side maps and the ONNX graph, which must agree.
/// </summary>
internal static class HeatmapSmoothing
{
    private static readonly float[] Taps = [0.25f, 0.5f, 0.25f];

    /// <summary>The kernel, [1, 1, 3, 3] row-major.</summary>
    public static float[] Kernel() => [.. from dy in Taps from dx in Taps select dy * dx];

    /// <summary>For each cell of a rows × columns map, the sum of the kernel weights that land inside the map, row-major.</summary>
    public static float[] InsideWeights(int rows, int columns)
    {
        var weights = new float[rows * columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                weights[r * columns + c] = Inside(r, rows) * Inside(c, columns);
        return weights;
    }

    /// <summary>Smooths maps [N, rows, columns].</summary>
    public static Tensor Apply(Tensor maps)
    {
        using var scope = NewDisposeScope();
        var (rows, columns) = ((int)maps.shape[1], (int)maps.shape[2]);
        using var kernel = tensor(Kernel(), [1, 1, 3, 3], device: maps.device);
        using var inside = tensor(InsideWeights(rows, columns), [rows, columns], device: maps.device);
        var smoothed = nn.functional.conv2d(maps.unsqueeze(1), kernel, padding: [1, 1]).squeeze(1).div(inside);
        return smoothed.MoveToOuterDisposeScope();
    }

    // The taps of one axis that stay inside a map of `count` cells around `index`.
    private static float Inside(int index, int count) =>
        1f - (index == 0 ? Taps[0] : 0f) - (index == count - 1 ? Taps[2] : 0f);
}
