using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Cli;

/// <summary>A one-line progress bar for batches, replaced by the epoch summary when the epoch ends.</summary>
internal sealed class ConsoleProgressBar(TextWriter output, int epochs) : IProgress<BatchReport>, IProgress<EpochReport>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsOutputRedirected && output == Console.Out;

    public void Report(BatchReport value)
    {
        if (!_interactive) return;
        var filled = (int)((long)Width * value.Batch / value.Batches);
        output.Write($"\repoch {value.Epoch}/{epochs} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Batch}/{value.Batches} loss {value.MeanLoss:F4}   ");
    }

    public void Report(EpochReport value)
    {
        if (_interactive) output.Write('\r' + new string(' ', Width + 60) + '\r');
        output.WriteLine(value.ToString());
    }
}
