using MLTabularExtensions.Vision.TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.ImageCnn;

public class HeatmapSmoothingTests
{
    [Test]
    public void ConstantMap_StaysConstant_UpToItsBorder([Values(1, 2, 5)] int rows, [Values(1, 4)] int columns)
    {
        using var map = full(2, rows, columns, 3.5f);
        using var smoothed = HeatmapSmoothing.Apply(map);
        Assert.That(smoothed.shape, Is.EqualTo(new long[] { 2, rows, columns }));
        Assert.That(smoothed.data<float>().ToArray(), Is.All.EqualTo(3.5f).Within(1e-6));
    }

    [Test]
    public void LoneCell_InTheMiddle_SpreadsAsTheBinomialKernel()
    {
        var values = new float[25];
        values[12] = 16;
        var smoothed = Smooth(values, 5, 5);
        float[] expected =
        [
            0, 0, 0, 0, 0,
            0, 1, 2, 1, 0,
            0, 2, 4, 2, 0,
            0, 1, 2, 1, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.That(smoothed, Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public void CornerCell_IsDividedByTheWeightInsideTheMap()
    {
        var values = new float[9];
        values[0] = 9;
        var smoothed = Smooth(values, 3, 3);
        // In the corner 4/16 of the kernel lies outside the map on each axis: 9 · (4/16) / (12/16 · 12/16).
        Assert.That(smoothed[0], Is.EqualTo(9f * 4 / 16 / (0.75f * 0.75f)).Within(1e-5));
        Assert.That(HeatmapSmoothing.InsideWeights(3, 3), Is.EqualTo(new[] { 0.5625f, 0.75f, 0.5625f, 0.75f, 1f, 0.75f, 0.5625f, 0.75f, 0.5625f }));
    }

    /// <summary>Why the option exists: one cell that stands out alone loses the maximum to the middle of a region.</summary>
    [Test]
    public void MaximumMovesFromALoneCell_ToTheMiddleOfAnActivatedRegion()
    {
        var values = new float[64];
        values[1 * 8 + 6] = 1f;
        for (var r = 4; r < 7; r++)
            for (var c = 1; c < 4; c++)
                values[r * 8 + c] = 0.8f;
        var smoothed = Smooth(values, 8, 8);
        Assert.That(Array.IndexOf(values, values.Max()), Is.EqualTo(1 * 8 + 6), "the raw map peaks on the lone cell");
        Assert.That(Array.IndexOf(smoothed, smoothed.Max()), Is.EqualTo(5 * 8 + 2), "the smoothed map peaks in the region's middle");
    }

    /// <summary>One map through the filter, row-major in and out.</summary>
    private static float[] Smooth(float[] values, int rows, int columns)
    {
        using var map = tensor(values, [1, rows, columns]);
        using var smoothed = HeatmapSmoothing.Apply(map);
        return smoothed.data<float>().ToArray();
    }
}
