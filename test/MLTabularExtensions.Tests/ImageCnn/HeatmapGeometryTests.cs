using MLTabularExtensions.TorchSharp.Vision;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.ImageCnn;

public class HeatmapGeometryTests
{
    /// <summary>
    /// A mirror-symmetric network (every kernel uniform, BatchNorm the identity) sees a mirror-symmetric image: a bright
    /// block over the middle heatmap cell of a 120-pixel image (15 × 15 cells of 8 pixels). If each cell lies exactly over
    /// its 8 × 8 pixels, the map is mirror-symmetric and peaks on the middle cell; strided 3×3 convolutions would tilt
    /// it up-left (each centres its output half an input pixel early).
    /// </summary>
    [Test]
    public void HeatmapCells_LieExactlyOverTheirPixels()
    {
        const int size = 120, cell = 8, middle = 7;
        var shape = new ImageCnnShape(1, size, size, [4, 4, 4], Classes: 2, Dropout: 0);
        using var module = new ImageCnnModule(shape, [0f], [1f]);
        using (no_grad())
        {
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (parameter.dim() == 4) parameter.fill_(1.0 / parameter[0].numel());
                else if (name.EndsWith("weight", StringComparison.Ordinal)) parameter.fill_(1);
                else parameter.zero_();
            }
        }
        module.eval();
        var pixels = new float[size * size];
        for (var y = middle * cell; y < (middle + 1) * cell; y++)
            for (var x = middle * cell; x < (middle + 1) * cell; x++)
                pixels[y * size + x] = 255;

        using var image = tensor(pixels, [1, size * size]);
        using var map = module.Heatmap(image, HeatmapKind.ChannelMean);
        var values = map.reshape(15, 15).data<float>().ToArray();

        Assert.That(shape.HeatmapHeight, Is.EqualTo(15));
        var peak = Array.IndexOf(values, values.Max());
        Assert.That((peak / 15, peak % 15), Is.EqualTo((middle, middle)), "the peak sits on the cell under the block");
        for (var r = 0; r < 15; r++)
            for (var c = 0; c < 15; c++)
            {
                var mirrored = values[(14 - r) * 15 + (14 - c)];
                Assert.That(values[r * 15 + c], Is.EqualTo(mirrored).Within(1e-5 * values.Max()), $"cell ({r}, {c}) against its mirror image");
            }
    }
}
