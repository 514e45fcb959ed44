namespace MLTabularExtensions.Vision;

/// <summary>
/// fastai's <c>get_transforms</c>: which random transforms are drawn for each training image and how strongly. The
/// defaults are fastai's. Each of rotate, zoom and warp is drawn independently with probability
/// <see cref="AffineProbability"/>, and brightness and contrast each with <see cref="LightingProbability"/>.
/// </summary>
public sealed class ImageAugmentOptions
{
    /// <summary>Flip left-right with probability 0.5 (fastai's <c>do_flip</c>). Default true.</summary>
    public bool Flip { get; set; } = true;

    /// <summary>
    /// With <see cref="Flip"/>, draw one of the 8 dihedral transforms (flips and transposes) instead of a left-right
    /// flip only (fastai's <c>flip_vert</c>). Default false.
    /// </summary>
    public bool FlipVertical { get; set; }

    /// <summary>Rotation angle drawn uniformly in ±MaxRotate degrees (fastai's <c>max_rotate</c>). Default 10.</summary>
    public double MaxRotate { get; set; } = 10;

    /// <summary>Zoom factor drawn uniformly in [1, MaxZoom] about a random centre (fastai's <c>max_zoom</c>). Default 1.1.</summary>
    public double MaxZoom { get; set; } = 1.1;

    /// <summary>
    /// Symmetric perspective warp: each of the four corner offsets drawn uniformly in ±MaxWarp (in units of half the
    /// image, fastai's <c>max_warp</c>). Default 0.2.
    /// </summary>
    public double MaxWarp { get; set; } = 0.2;

    /// <summary>
    /// Brightness change drawn in 0.5·(1 ± MaxLighting) and contrast scale drawn log-uniformly in
    /// [1 − MaxLighting, 1 / (1 − MaxLighting)], both applied on the logit of the pixel values (fastai's
    /// <c>max_lighting</c>). Default 0.2.
    /// </summary>
    public double MaxLighting { get; set; } = 0.2;

    /// <summary>Probability of each of rotate, zoom and warp (fastai's <c>p_affine</c>). Default 0.75.</summary>
    public double AffineProbability { get; set; } = 0.75;

    /// <summary>Probability of each of brightness and contrast (fastai's <c>p_lighting</c>). Default 0.75.</summary>
    public double LightingProbability { get; set; } = 0.75;

    /// <summary>
    /// Output width in pixels, or null to keep each image's width. With an output size, the image is scaled to cover
    /// it (fastai's <c>ResizeMethod.CROP</c>) and a crop at a random position is taken; the scoring form (what
    /// <c>mlContext.Model.Save</c> writes) takes the centre crop instead. Set both or neither of Width and Height.
    /// </summary>
    public int? Width { get; set; }

    /// <summary>Output height in pixels, or null to keep each image's height. See <see cref="Width"/>.</summary>
    public int? Height { get; set; }

    /// <summary>Seed of the random draws. Pass k over the data draws from (Seed, k, row), so runs repeat exactly. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>A copy a trainer keeps, so later changes to these options change nothing it holds.</summary>
    internal ImageAugmentOptions Copy() => (ImageAugmentOptions)MemberwiseClone();
}
