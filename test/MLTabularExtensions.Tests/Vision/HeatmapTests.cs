using MLTabularExtensions.Vision.Heatmaps;
using SkiaSharp;

namespace MLTabularExtensions.Tests.Vision;

public class HeatmapTests
{
    [Test]
    public void Upsampling_KeepsCellValuesAtCellCentres_AndInterpolatesBetween()
    {
        float[] map = [0, 1, 2, 3];
        var up = HeatmapUpsampler.Bilinear(map, 2, 2, 4, 4);
        Assert.That(up[0], Is.EqualTo(0f));
        Assert.That(up[15], Is.EqualTo(3f));
        Assert.That(up[1 * 4 + 1], Is.EqualTo(0.75f).Within(1e-6), "a quarter of the way between all four cells");
        Assert.Throws<ArgumentException>(() => HeatmapUpsampler.Bilinear(map, 3, 2, 4, 4));
    }

    [Test]
    public void Magma_GoesFromBlackToPaleYellow()
    {
        Assert.That(MagmaColorMap.At(0), Is.EqualTo(((byte)0, (byte)0, (byte)4)));
        Assert.That(MagmaColorMap.At(1), Is.EqualTo(((byte)252, (byte)253, (byte)191)));
        Assert.That(MagmaColorMap.At(2), Is.EqualTo(MagmaColorMap.At(1)), "clamped");
    }

    [Test]
    public void Overlay_BlendsMagmaAtAlpha06_WithTheHotCellWhereTheMapPeaks()
    {
        using var photo = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        photo.Erase(new SKColor(100, 100, 100));
        using var overlay = HeatmapRenderer.Overlay(photo, [0, 0, 0, 1], 2, 2);
        var hot = overlay.GetPixel(7, 7);
        var cold = overlay.GetPixel(0, 0);
        Assert.That(hot.Red, Is.EqualTo((byte)Math.Round(0.4 * 100 + 0.6 * 252)));
        Assert.That(cold.Blue, Is.EqualTo((byte)Math.Round(0.4 * 100 + 0.6 * 4)));
    }

    [Test]
    public void PointingGame_HitsWhenTheMaximumIsOnTheMask()
    {
        var pixels = new bool[16];
        pixels[15] = pixels[14] = pixels[11] = pixels[10] = true;
        var mask = new ObjectMask(pixels, 4, 4);
        Assert.That(PointingGame.Hit([0, 0, 0, 1], 2, 2, mask), Is.True);
        Assert.That(PointingGame.Hit([1, 0, 0, 0], 2, 2, mask), Is.False);
        Assert.That(PointingGame.Chance(mask), Is.EqualTo(0.25));
        Assert.That(PointingGame.CentreHit(mask), Is.True, "(2, 2) is on the object");
    }

    [Test]
    public void PointingGame_Tolerance_CountsPointsWithinTheRadius_AndChanceGrowsTheSame()
    {
        // One object pixel at (10, 10) of a 21 × 31 image.
        var pixels = new bool[21 * 31];
        pixels[10 * 31 + 10] = true;
        var mask = new ObjectMask(pixels, 21, 31);
        Assert.That(mask.Near(10, 13, 3), Is.True, "3 px to the right");
        Assert.That(mask.Near(12, 12, 2), Is.False, "2·√2 ≈ 2.8 px away");
        Assert.That(mask.Near(12, 12, 3), Is.True);
        var grown = mask.Dilate(3);
        var inside = 0;
        for (var y = 0; y < 21; y++)
            for (var x = 0; x < 31; x++)
            {
                Assert.That(grown[y, x], Is.EqualTo(mask.Near(y, x, 3)), $"({y}, {x})");
                if (grown[y, x]) inside++;
            }
        Assert.That(inside, Is.EqualTo(29), "lattice points in a disc of radius 3");
        Assert.That(PointingGame.Chance(mask, 3), Is.EqualTo(29.0 / (21 * 31)));
        // A one-row heatmap peaking in its middle column points at (0, 15): 11.2 px from the object.
        Assert.That(PointingGame.Hit([0, 1, 0], 1, 3, mask), Is.False);
        Assert.That(PointingGame.Hit([0, 1, 0], 1, 3, mask, 11), Is.False);
        Assert.That(PointingGame.Hit([0, 1, 0], 1, 3, mask, 12), Is.True);
    }

    [Test]
    public void ObjectMask_RefusesPixelsOfTheWrongCount_AndACorruptTrimapIsNamed()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new ObjectMask(new bool[5], 2, 3))!.Message, Does.Contain("needs 6 pixels, not 5"));
        using var images = new TestImages();
        var bad = Path.Combine(images.Folder, "trimap.png");
        File.WriteAllBytes(bad, [1, 2, 3]);
        Assert.That(Assert.Throws<InvalidDataException>(() => ObjectMask.FromTrimap(bad))!.Message, Does.Contain(bad));
    }

    [Test]
    public void OverlayAndContactSheet_AreWrittenAsPngs()
    {
        using var images = new TestImages();
        var photo = images.Gradient("photo.png", 30, 20);
        var overlay = Path.Combine(images.Folder, "overlay.png");
        HeatmapRenderer.WriteOverlay(photo, [1, 2, 3, 4, 5, 6], 2, 3, overlay);
        var sheet = Path.Combine(images.Folder, "sheet.png");
        HeatmapRenderer.WriteContactSheet([overlay, overlay, overlay], columns: 2, cell: 40, sheet);
        using var written = SKBitmap.Decode(sheet);
        Assert.That((written.Width, written.Height), Is.EqualTo((80, 80)));
        using var decoded = SKBitmap.Decode(overlay);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((30, 20)));
    }
}
