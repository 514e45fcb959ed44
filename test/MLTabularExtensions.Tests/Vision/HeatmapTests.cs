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
        var mask = new bool[16];
        mask[15] = mask[14] = mask[11] = mask[10] = true;
        Assert.That(PointingGame.Hit([0, 0, 0, 1], 2, 2, mask, 4, 4), Is.True);
        Assert.That(PointingGame.Hit([1, 0, 0, 0], 2, 2, mask, 4, 4), Is.False);
        Assert.That(PointingGame.Chance(mask), Is.EqualTo(0.25));
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
