using System.Globalization;
using SkiaSharp;

namespace MLTabularExtensions.Lessons;

/// <summary>
/// A small line chart with labelled axes and tick values, either axis linear or logarithmic: the loss curve of a
/// training run and the learning-rate finder's curve.
/// </summary>
/// <param name="xLabel">Caption of the x axis.</param>
/// <param name="yLabel">Caption of the y axis.</param>
/// <param name="logX">Whether x is drawn on a log scale (values must be positive).</param>
/// <param name="logY">Whether y is drawn on a log scale (values must be positive).</param>
public sealed class LinePlot(string xLabel, string yLabel, bool logX, bool logY)
{
    private const float Left = 80, Right = 30, Top = 40, Bottom = 60;
    private readonly List<(string Name, SKColor Color, (double X, double Y)[] Points, bool Markers)> _series = [];
    private readonly List<(double X, string Label)> _marks = [];

    /// <summary>Adds a line; points that a log axis cannot show (≤ 0, or not finite) are left out.</summary>
    /// <param name="name">Its legend entry.</param>
    /// <param name="color">Its colour.</param>
    /// <param name="points">Its points in drawing order.</param>
    /// <param name="markers">Whether each point also gets a dot.</param>
    public void Add(string name, SKColor color, IEnumerable<(double X, double Y)> points, bool markers = false) =>
        _series.Add((name, color, [.. points.Where(p => Showable(p.X, logX) && Showable(p.Y, logY))], markers));

    /// <summary>A vertical line at <paramref name="x"/> with a label (a suggested learning rate).</summary>
    /// <param name="x">Where.</param>
    /// <param name="label">What it marks.</param>
    public void Mark(double x, string label) => _marks.Add((x, label));

    /// <summary>Writes <see cref="Draw"/>'s picture to <paramref name="path"/> as a PNG.</summary>
    /// <param name="path">The file.</param>
    /// <param name="width">Pixels across.</param>
    /// <param name="height">Pixels down.</param>
    public void Save(string path, int width = 800, int height = 500)
    {
        using var bitmap = Draw(width, height);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>The chart as a bitmap (a notebook shows it inline).</summary>
    /// <param name="width">Pixels across.</param>
    /// <param name="height">Pixels down.</param>
    public SKBitmap Draw(int width = 800, int height = 500)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var points = _series.SelectMany(s => s.Points).ToArray();
        if (points.Length > 0)
        {
            var x = new Axis(points.Select(p => p.X).Concat(_marks.Select(m => m.X)), logX, Left, width - Right);
            var y = new Axis(points.Select(p => p.Y), logY, height - Bottom, Top);
            using var ink = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, IsAntialias = true };
            using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1 };
            using var text = new SKPaint { Color = SKColors.Black, TextSize = 13, IsAntialias = true };
            canvas.DrawLine(Left, height - Bottom, width - Right, height - Bottom, ink);
            canvas.DrawLine(Left, Top, Left, height - Bottom, ink);
            foreach (var tick in x.Ticks())
            {
                var at = x.Map(tick);
                canvas.DrawLine(at, Top, at, height - Bottom, grid);
                canvas.DrawLine(at, height - Bottom, at, height - Bottom + 5, ink);
                var label = Format(tick);
                canvas.DrawText(label, at - text.MeasureText(label) / 2, height - Bottom + 20, text);
            }
            foreach (var tick in y.Ticks())
            {
                var at = y.Map(tick);
                canvas.DrawLine(Left, at, width - Right, at, grid);
                canvas.DrawLine(Left - 5, at, Left, at, ink);
                var label = Format(tick);
                canvas.DrawText(label, Left - 8 - text.MeasureText(label), at + 4, text);
            }
            canvas.DrawText(xLabel + (logX ? " (log scale)" : ""), (Left + width - Right) / 2 - 60, height - 15, text);
            canvas.Save();
            canvas.RotateDegrees(-90);
            canvas.DrawText(yLabel + (logY ? " (log scale)" : ""), -(Top + height - Bottom) / 2 - 60, 18, text);
            canvas.Restore();
            var legend = Top + 5f;
            foreach (var (name, color, series, markers) in _series)
            {
                if (series.Length == 0) continue;
                using var paint = new SKPaint { Color = color, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
                using var path = new SKPath();
                path.MoveTo(x.Map(series[0].X), y.Map(series[0].Y));
                foreach (var (px, py) in series.Skip(1)) path.LineTo(x.Map(px), y.Map(py));
                canvas.DrawPath(path, paint);
                if (markers)
                {
                    foreach (var (px, py) in series) canvas.DrawCircle(x.Map(px), y.Map(py), 3, paint);
                }
                using var caption = new SKPaint { Color = color, TextSize = 13, IsAntialias = true };
                canvas.DrawText(name, width - Right - 220, legend += 16, caption);
            }
            using var mark = new SKPaint { Color = SKColors.DarkGreen, StrokeWidth = 1.5f, IsAntialias = true, PathEffect = SKPathEffect.CreateDash([6, 4], 0) };
            using var markText = new SKPaint { Color = SKColors.DarkGreen, TextSize = 13, IsAntialias = true };
            foreach (var (at, label) in _marks)
            {
                canvas.DrawLine(x.Map(at), Top, x.Map(at), height - Bottom, mark);
                canvas.DrawText(label, x.Map(at) + 4, Top + 12, markText);
            }
        }
        using var image = surface.Snapshot();
        return SKBitmap.FromImage(image);
    }

    private static bool Showable(double value, bool log) => double.IsFinite(value) && (!log || value > 0);

    private static string Format(double value) =>
        Math.Abs(value) is >= 1e-3 and < 1e5 or 0 ? value.ToString("G4", CultureInfo.InvariantCulture) : value.ToString("0.#e0", CultureInfo.InvariantCulture);

    /// <summary>One axis: the data's range (padded when flat) mapped onto pixels, with round tick values.</summary>
    private sealed class Axis
    {
        private readonly bool _log;
        private readonly double _low, _high;
        private readonly float _from, _to;

        public Axis(IEnumerable<double> values, bool log, float from, float to)
        {
            _log = log;
            var scaled = values.Select(Scale).ToArray();
            (_low, _high) = (scaled.Min(), scaled.Max());
            if (_high - _low < 1e-12) (_low, _high) = (_low - (log ? 0.5 : Math.Max(1e-6, Math.Abs(_low) * 0.1)), _high + (log ? 0.5 : Math.Max(1e-6, Math.Abs(_high) * 0.1)));
            (_from, _to) = (from, to);
        }

        public float Map(double value) => _from + (float)((Scale(value) - _low) / (_high - _low)) * (_to - _from);

        /// <summary>Powers of ten on a log axis (with 2 and 5 between when it spans less than two decades); 1/2/5 steps otherwise.</summary>
        public IEnumerable<double> Ticks()
        {
            if (_log)
            {
                int[] multiples = _high - _low < 2 ? [1, 2, 5] : [1];
                for (var decade = (int)Math.Floor(_low); decade <= (int)Math.Ceiling(_high); decade++)
                {
                    foreach (var m in multiples)
                    {
                        var tick = m * Math.Pow(10, decade);
                        if (Math.Log10(tick) is var t && t >= _low - 1e-9 && t <= _high + 1e-9) yield return tick;
                    }
                }
                yield break;
            }
            var raw = (_high - _low) / 5;
            var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
            for (var tick = Math.Ceiling(_low / step) * step; tick <= _high + step * 1e-9; tick += step)
                yield return Math.Abs(tick) < step * 1e-9 ? 0 : tick;
        }

        private double Scale(double value) => _log ? Math.Log10(value) : value;
    }
}
