namespace MLTabularExtensions.TorchSharp.Vision;

/// <summary>Which map a scoring graph puts in the heatmap column.</summary>
/// <param name="Kind">The map of the last block.</param>
/// <param name="FlipAveraged">Whether it is averaged with the mirrored map of the mirror image.</param>
internal readonly record struct HeatmapChoice(HeatmapKind Kind, bool FlipAveraged);
