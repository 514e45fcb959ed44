using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Augmentation;

namespace MLTabularExtensions.Tests.Vision;

public class ImageAugmenterTests
{
    private const float Tolerance = 1e-3f;

    private static PlanarImage Random(int channels, int height, int width, int seed = 3)
    {
        var random = new Random(seed);
        return new PlanarImage(channels, height, width, [.. Enumerable.Range(0, channels * height * width).Select(_ => (float)random.Next(256))]);
    }

    private static PlanarImage Apply(PlanarImage image, AugmentDraw draw) =>
        ImageAugmenter.Apply(image, draw, image.Height, image.Width, image.Channels, 255);

    [Test]
    public void ProbabilityZero_DrawsNothing_AndGivesTheImageBack()
    {
        var options = new ImageAugmentOptions { Flip = false, AffineProbability = 0, LightingProbability = 0 };
        var image = Random(3, 7, 5);
        for (var row = 0; row < 50; row++)
        {
            var draw = AugmentSampler.Draw(options, pass: 0, row);
            Assert.That(draw with { CropColumn = 0.5, CropRow = 0.5 }, Is.EqualTo(AugmentDraw.Identity with { CropColumn = 0.5, CropRow = 0.5 }));
            Assert.That(Apply(image, draw).Pixels, Is.EqualTo(image.Pixels).Within(Tolerance));
        }
    }

    [Test]
    public void FlipTwice_IsTheIdentity_OnANonSquareImage()
    {
        var image = Random(3, 5, 8);
        var flip = AugmentDraw.Identity with { Dihedral = 1 };
        var once = Apply(image, flip);
        Assert.That(once[0, 2, 0], Is.EqualTo(image[0, 2, 7]).Within(Tolerance));
        Assert.That(once.Pixels, Is.Not.EqualTo(image.Pixels));
        Assert.That(Apply(once, flip).Pixels, Is.EqualTo(image.Pixels).Within(Tolerance));
    }

    [Test]
    public void Rotate90_OfASquareImage_IsAPixelPermutation()
    {
        const int n = 6;
        var image = Random(2, n, n);
        var rotated = Apply(image, AugmentDraw.Identity with { RotateDegrees = 90 });
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    Assert.That(rotated[c, i, j], Is.EqualTo(image[c, j, n - 1 - i]).Within(Tolerance), $"pixel ({c}, {i}, {j})");
    }

    [Test]
    public void Rotate180_OfANonSquareImage_FlipsBothAxes_WithoutShear()
    {
        var image = Random(1, 4, 9);
        var rotated = Apply(image, AugmentDraw.Identity with { RotateDegrees = 180 });
        var flipped = Apply(image, AugmentDraw.Identity with { Dihedral = 3 });
        Assert.That(rotated.Pixels, Is.EqualTo(flipped.Pixels).Within(Tolerance));
        Assert.That(rotated[0, 0, 0], Is.EqualTo(image[0, 3, 8]).Within(Tolerance));
    }

    [Test]
    public void Zoom_AboutTheCentre_KeepsTheCentrePixel_AndMovesTheOthers()
    {
        var image = Random(3, 9, 11);
        var zoomed = Apply(image, AugmentDraw.Identity with { Zoom = 1.1 });
        for (var c = 0; c < 3; c++) Assert.That(zoomed[c, 4, 5], Is.EqualTo(image[c, 4, 5]).Within(Tolerance));
        Assert.That(zoomed[0, 0, 0], Is.Not.EqualTo(image[0, 0, 0]).Within(Tolerance));
    }

    [Test]
    public void Lighting_FollowsFastaisLogitFormula_OnKnownPixels()
    {
        float[] values = [0, 10, 64, 128, 200, 255];
        var image = new PlanarImage(1, 1, values.Length, values);
        const double brightness = 0.6, contrast = 1.2;
        var lit = Apply(image, AugmentDraw.Identity with { Brightness = brightness, Contrast = contrast });
        for (var k = 0; k < values.Length; k++)
        {
            var p = Math.Clamp(values[k] / 255.0, 1e-7, 1 - 1e-7);
            var logit = (Math.Log(p / (1 - p)) + Math.Log(brightness / (1 - brightness))) * contrast;
            Assert.That(lit.Pixels[k], Is.EqualTo(255 / (1 + Math.Exp(-logit))).Within(1e-3), $"value {values[k]}");
        }
    }

    [Test]
    public void Lighting_LeavesChannelsBeyondTheColourOnesAlone()
    {
        var image = Random(4, 3, 3);
        var lit = ImageAugmenter.Apply(image, AugmentDraw.Identity with { Brightness = 0.6 }, 3, 3, colourChannels: 3, 255);
        Assert.That(lit.Pixels.AsSpan(27, 9).ToArray(), Is.EqualTo(image.Pixels.AsSpan(27, 9).ToArray()).Within(Tolerance));
        Assert.That(lit.Pixels.AsSpan(0, 27).ToArray(), Is.Not.EqualTo(image.Pixels.AsSpan(0, 27).ToArray()));
    }

    [Test]
    public void Crop_ScalesToCover_AndTakesTheChosenWindow()
    {
        var image = Random(1, 6, 12);
        // Height already fits: no scaling, so a crop at the far right is the last 6 columns exactly.
        var right = ImageAugmenter.Apply(image, AugmentDraw.Identity with { CropColumn = 1 }, 6, 6, 1, 255);
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.That(right[0, i, j], Is.EqualTo(image[0, i, j + 6]).Within(Tolerance));
        // An image smaller than the output is scaled up to cover it, not refused.
        var larger = ImageAugmenter.Apply(image, AugmentDraw.Identity, 20, 20, 1, 255);
        Assert.That((larger.Height, larger.Width), Is.EqualTo((20, 20)));
        Assert.That(larger.Pixels, Has.All.InRange(0f, 255f));
    }

    [Test]
    public void Warp_WithZeroMagnitudes_IsTheIdentity_AndOtherwiseMovesTheCorners()
    {
        var identity = Perspective.SymmetricWarp([0, 0, 0, 0]);
        Assert.That(identity.Map(0.3, -0.7), Is.EqualTo((0.3, -0.7)).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12));
        var warp = Perspective.SymmetricWarp([0.1, 0.2, -0.1, 0.05]);
        var (x, y) = warp.Map(1, 1);
        Assert.That(x, Is.EqualTo(1 - 0.1).Within(1e-9));
        Assert.That(y, Is.EqualTo(1 + 0.1).Within(1e-9));
        var image = Random(3, 8, 8);
        Assert.That(Apply(image, AugmentDraw.Identity with { Warp = [0.2, -0.2, 0.1, 0.1] }).Pixels, Is.Not.EqualTo(image.Pixels));
    }

    [Test]
    public void Reflection_MirrorsAtTheEdgePixelCentres()
    {
        Assert.That(ImageAugmenter.Reflect(-1, 5), Is.EqualTo(1));
        Assert.That(ImageAugmenter.Reflect(5, 5), Is.EqualTo(3));
        Assert.That(ImageAugmenter.Reflect(9.5, 5), Is.EqualTo(1.5));
        Assert.That(ImageAugmenter.Reflect(7, 1), Is.EqualTo(0));
    }

    [Test]
    public void Sampler_FollowsTheOptionsRangesAndProbabilities()
    {
        var options = new ImageAugmentOptions();
        var draws = Enumerable.Range(0, 4000).Select(row => AugmentSampler.Draw(options, 0, row)).ToList();
        Assert.That(draws.Select(d => d.RotateDegrees), Has.All.InRange(-10.0, 10.0));
        Assert.That(draws.Select(d => d.Zoom), Has.All.InRange(1.0, 1.1));
        Assert.That(draws.Select(d => d.Brightness), Has.All.InRange(0.4, 0.6));
        Assert.That(draws.Select(d => d.Contrast), Has.All.InRange(0.8, 1.25));
        Assert.That(draws.Where(d => d.Warp is not null).SelectMany(d => d.Warp!), Has.All.InRange(-0.2, 0.2));
        Assert.That(draws.Count(d => d.Dihedral == 1) / 4000.0, Is.EqualTo(0.5).Within(0.03));
        Assert.That(draws.Count(d => d.RotateDegrees != 0) / 4000.0, Is.EqualTo(0.75).Within(0.03));
        Assert.That(draws.Count(d => d.Contrast != 1) / 4000.0, Is.EqualTo(0.75).Within(0.03));
        Assert.That(draws.Select(d => d.Dihedral), Has.All.LessThanOrEqualTo(1), "no vertical flips unless FlipVertical");
        var again = AugmentSampler.Draw(new ImageAugmentOptions(), 0, 7);
        Assert.That(AugmentSampler.Draw(options, 0, 7), Is.EqualTo(again).Using<AugmentDraw>(SameDraw));
        Assert.That(AugmentSampler.Draw(options, 1, 7), Is.Not.EqualTo(AugmentSampler.Draw(options, 0, 7)).Using<AugmentDraw>(SameDraw));
    }

    private static bool SameDraw(AugmentDraw a, AugmentDraw b) =>
        a with { Warp = null } == b with { Warp = null } && (a.Warp ?? []).SequenceEqual(b.Warp ?? []);
}
