namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>Everything that fixes the network's layout and its input.</summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Widths">Stem and stage widths.</param>
/// <param name="Classes">Output classes.</param>
/// <param name="Dropout">Head dropout.</param>
internal sealed record ImageCnnShape(int Channels, int Height, int Width, IReadOnlyList<int> Widths, int Classes, double Dropout)
{
    /// <summary>The stem halves the resolution and so does every stage after the first.</summary>
    public int Downsampling => 1 << Widths.Count;

    public int HeatmapHeight => (Height + Downsampling - 1) / Downsampling;

    public int HeatmapWidth => (Width + Downsampling - 1) / Downsampling;

    public int Pixels => Channels * Height * Width;
}
