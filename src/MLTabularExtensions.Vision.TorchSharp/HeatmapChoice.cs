namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>Which map a scoring graph puts in the heatmap column.</summary>
/// <param name="Kind">The map of the last block.</param>
/// <param name="FlipAveraged">Whether it is averaged with the mirrored map of the mirror image.</param>
/// <param name="Smoothed">Whether it is filtered by <see cref="HeatmapSmoothing"/>.</param>
public readonly record struct HeatmapChoice(HeatmapKind Kind, bool FlipAveraged, bool Smoothed)
{
    /// <summary>Every map a trained network can put in its heatmap column.</summary>
    public static IEnumerable<HeatmapChoice> All =>
        from kind in Enum.GetValues<HeatmapKind>()
        from flipAveraged in new[] { false, true }
        from smoothed in new[] { false, true }
        select new HeatmapChoice(kind, flipAveraged, smoothed);

    /// <summary>The variant's name: the map, then "+flip" when flip-averaged and "+smooth" when smoothed.</summary>
    public override string ToString() => $"{Kind}{(FlipAveraged ? "+flip" : "")}{(Smoothed ? "+smooth" : "")}";
}
