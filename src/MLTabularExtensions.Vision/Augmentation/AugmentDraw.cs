namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>
/// The random parameters drawn for one image. Identity values mean "not drawn": no flip, 0° rotation, zoom 1,
/// no warp, brightness 0.5 and contrast 1 (which leave pixels unchanged on the logit scale), centred crop.
/// </summary>
/// <param name="Dihedral">0 = identity; bit 0 flips left-right, bit 1 flips top-bottom, bit 2 transposes.</param>
/// <param name="RotateDegrees">Rotation angle, counter-clockwise.</param>
/// <param name="Zoom">Zoom factor (≥ 1 zooms in).</param>
/// <param name="ZoomColumn">Zoom centre across the image, 0..1 (0.5 = centre).</param>
/// <param name="ZoomRow">Zoom centre down the image, 0..1.</param>
/// <param name="Warp">The four symmetric-warp magnitudes, or null for none.</param>
/// <param name="Brightness">fastai's brightness <c>change</c> (0.5 = none).</param>
/// <param name="Contrast">fastai's contrast <c>scale</c> (1 = none).</param>
/// <param name="CropColumn">Crop position across the spare width, 0..1.</param>
/// <param name="CropRow">Crop position down the spare height, 0..1.</param>
internal readonly record struct AugmentDraw(
    int Dihedral = 0,
    double RotateDegrees = 0,
    double Zoom = 1,
    double ZoomColumn = 0.5,
    double ZoomRow = 0.5,
    double[]? Warp = null,
    double Brightness = 0.5,
    double Contrast = 1,
    double CropColumn = 0.5,
    double CropRow = 0.5)
{
    /// <summary>No change at all: the scoring form, and what probability 0 gives.</summary>
    // new() would be the all-zero struct, not these defaults: name one argument to call the primary constructor.
    public static AugmentDraw Identity => new(Dihedral: 0);

    /// <summary>True when the draw changes pixel values (not only their positions).</summary>
    public bool ChangesLighting => Brightness != 0.5 || Contrast != 1;
}
