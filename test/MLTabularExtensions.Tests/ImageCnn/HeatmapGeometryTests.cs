using MLTabularExtensions.Vision.TorchSharp;
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
        using var random = new Generator(1);
        using var module = new ImageCnnModule(shape, [0f], [1f], random);
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

    /// <summary>
    /// The flip-averaged map is mirror-equivariant whatever the network: the map of the mirror image is the mirror of
    /// the image's map, exactly (the plain map of a network that has not learnt symmetry is not).
    /// </summary>
    [Test]
    public void FlipAveragedHeatmap_OfTheMirrorImage_IsTheMirroredMap()
    {
        const int size = 32, cells = 4;
        manual_seed(5);
        var shape = new ImageCnnShape(3, size, size, [16, 16, 32], Classes: 3, Dropout: 0);
        using var random = new Generator(1);
        using var module = new ImageCnnModule(shape, [100f, 100f, 100f], [60f, 60f, 60f], random);
        module.eval();
        using var noGrad = no_grad();
        using var image = rand(1, 3, size, size).mul(255);
        using var mirror = image.flip(3);

        // ChannelMean: class-agnostic, so the mirror image's map does not depend on its predicted class.
        const HeatmapKind kind = HeatmapKind.ChannelMean;
        using var averaged = module.Heatmap(image.reshape(1, -1), kind, flipAveraged: true);
        using var averagedOfMirror = module.Heatmap(mirror.reshape(1, -1), kind, flipAveraged: true);
        using var plain = module.Heatmap(image.reshape(1, -1), kind);
        using var plainOfMirror = module.Heatmap(mirror.reshape(1, -1), kind);
        Assert.That(averagedOfMirror.data<float>().ToArray(), Is.EqualTo(averaged.flip(2).data<float>().ToArray()));
        Assert.That(plainOfMirror.data<float>().ToArray(), Is.Not.EqualTo(plain.flip(2).data<float>().ToArray()),
            "a random network is not mirror-symmetric, so the test can fail");
        Assert.That(averaged.shape, Is.EqualTo(new long[] { 1, cells, cells }));
    }
}
