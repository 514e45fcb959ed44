namespace MLTabularExtensions.Vision;

/// <summary>Rejects option values fastai would not accept, naming the option and the allowed range.</summary>
internal static class ImageAugmentOptionsCheck
{
    public static ImageAugmentOptions Check(ImageAugmentOptions options, string owner)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.AffineProbability is >= 0 and <= 1, owner, nameof(options.AffineProbability), "between 0 and 1", options.AffineProbability);
        Require(options.LightingProbability is >= 0 and <= 1, owner, nameof(options.LightingProbability), "between 0 and 1", options.LightingProbability);
        Require(options.MaxRotate >= 0 && double.IsFinite(options.MaxRotate), owner, nameof(options.MaxRotate), "a finite angle ≥ 0", options.MaxRotate);
        Require(options.MaxZoom >= 1 && double.IsFinite(options.MaxZoom), owner, nameof(options.MaxZoom), "≥ 1", options.MaxZoom);
        Require(options.MaxWarp is >= 0 and < 1, owner, nameof(options.MaxWarp), "in [0, 1)", options.MaxWarp);
        Require(options.MaxLighting is >= 0 and < 1, owner, nameof(options.MaxLighting), "in [0, 1)", options.MaxLighting);
        if (options.Width.HasValue != options.Height.HasValue)
            throw new ArgumentException($"{owner}: set both Width and Height, or neither (got Width {options.Width?.ToString() ?? "null"}, Height {options.Height?.ToString() ?? "null"}).", nameof(options));
        Require(options.Width is null or > 0, owner, nameof(options.Width), "a positive pixel count", options.Width ?? 0);
        Require(options.Height is null or > 0, owner, nameof(options.Height), "a positive pixel count", options.Height ?? 0);
        return options;
    }

    private static void Require(bool ok, string owner, string name, string expected, double actual)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, actual, $"{owner}: {name} must be {expected}.");
    }
}
