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
    /// <param name="path">The file.</param>
    /// <param name="width">Pixels across.</param>
    /// <param name="height">Pixels down.</param>
    public void Save(string path, int width = 800, int height = 500) => Plot().Save(path, width, height);

    /// <summary>The losses so far against epochs; the loss on a log scale, as it falls by orders of magnitude.</summary>
    /// <param name="width">Pixels across.</param>
    /// <param name="height">Pixels down.</param>
    public SKBitmap Draw(int width = 800, int height = 500) => Plot().Draw(width, height);

    private LinePlot Plot()
    {
        var plot = new LinePlot("epoch", "loss", logX: false, logY: true);
        plot.Add("train (per 1 % of an epoch)", SKColors.SteelBlue, _train);
        plot.Add("valid", SKColors.OrangeRed, _valid, markers: _valid.Count < 20);
        return plot;
    }
}
