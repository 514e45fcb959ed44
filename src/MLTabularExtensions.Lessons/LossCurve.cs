using MLTabularExtensions.TorchSharp;
using SkiaSharp;

namespace MLTabularExtensions.Lessons;

/// <summary>
/// Collects the running training loss and per-epoch validation loss (pass it as a trainer's <c>Progress</c> and
/// <c>BatchProgress</c>), and draws them: as a bitmap (a notebook shows it inline) or a PNG file.
/// </summary>
public sealed class LossCurve : IProgress<BatchReport>, IProgress<EpochReport>
{
    private readonly List<(double Epoch, double Loss)> _train = [];
    private readonly List<(double Epoch, double Loss)> _valid = [];

    /// <summary>Records the recent training loss at this point of the epoch.</summary>
    public void Report(BatchReport value) => _train.Add((value.Epoch - 1 + (double)value.Batch / value.Batches, value.RecentLoss));

    /// <summary>Records the epoch's validation loss, if any.</summary>
    public void Report(EpochReport value)
    {
        if (value.ValidLoss is { } loss) _valid.Add((value.Epoch, loss));
    }

    /// <summary>Writes <see cref="Draw"/>'s picture to <paramref name="path"/> as a PNG.</summary>
    public void Save(string path, int width = 800, int height = 500)
    {
        using var bitmap = Draw(width, height);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>The losses so far against epochs, on a log scale.</summary>
    public SKBitmap Draw(int width = 800, int height = 500)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // Losses fall by orders of magnitude over a one-cycle run: plot them on a log scale.
        var all = _train.Concat(_valid).Where(p => p.Loss > 0).Select(p => (p.Epoch, Loss: Math.Log10(p.Loss))).ToList();
        const float margin = 60;
        if (all.Count > 0)
        {
            var maxX = Math.Max(1, all.Max(p => p.Epoch));
            var (minY, maxY) = (all.Min(p => p.Loss), all.Max(p => p.Loss));
            if (maxY <= minY) maxY = minY + 1;
            SKPoint Map((double X, double Y) p) => new(
                margin + (float)(p.X / maxX) * (width - 2 * margin),
                height - margin - (float)((p.Y - minY) / (maxY - minY)) * (height - 2 * margin));
            using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, IsAntialias = true };
            canvas.DrawLine(margin, height - margin, width - margin, height - margin, axis);
            canvas.DrawLine(margin, margin, margin, height - margin, axis);
            using var text = new SKPaint { Color = SKColors.Black, TextSize = 14, IsAntialias = true };
            canvas.DrawText($"loss (log scale) {Math.Pow(10, minY):G3} – {Math.Pow(10, maxY):G3}; x: epochs (0 – {maxX:G3})", margin, margin - 20, text);
            DrawSeries(canvas, _train, Map, SKColors.SteelBlue, "train (per 1 % of an epoch)", margin + 10);
            DrawSeries(canvas, _valid, Map, SKColors.OrangeRed, "valid", margin + 30);
        }
        using var image = surface.Snapshot();
        return SKBitmap.FromImage(image);
    }

    private static void DrawSeries(SKCanvas canvas, List<(double Epoch, double Loss)> raw, Func<(double, double), SKPoint> map, SKColor color,
        string label, float labelY)
    {
        var points = raw.Where(p => p.Loss > 0).Select(p => (p.Epoch, Math.Log10(p.Loss))).ToList();
        if (points.Count == 0) return;
        using var paint = new SKPaint { Color = color, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var path = new SKPath();
        path.MoveTo(map(points[0]));
        foreach (var point in points.Skip(1)) path.LineTo(map(point));
        canvas.DrawPath(path, paint);
        foreach (var point in points.Count < 20 ? points : []) canvas.DrawCircle(map(point), 3, paint);
        using var legend = new SKPaint { Color = color, TextSize = 14, IsAntialias = true };
        canvas.DrawText(label, canvas.LocalClipBounds.Right - 200, labelY + 40, legend);
    }
}
