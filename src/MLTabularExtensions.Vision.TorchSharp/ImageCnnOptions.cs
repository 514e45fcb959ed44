using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.Vision;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// Options of the ImageCnn trainer: a small ResNet trained from scratch with fastai's <c>fit_one_cycle</c> (AdamW).
/// Training defaults follow fastai's <c>cnn_learner</c> where they apply; the seed (initialisation, shuffling and
/// dropout; augmentation draws from <c>Augmentation.Seed</c>), device, schedule and progress options are shared with
/// TabularNet (<see cref="OneCycleOptions"/>).
/// </summary>
public sealed class ImageCnnOptions : OneCycleOptions
{
    /// <summary>The class: a key column (e.g. from <c>MapValueToKey</c>). Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>
    /// The pixels as ML.NET's <c>ExtractPixels</c> writes them without interleaving: a Single vector of
    /// channels × height × width, values 0..255 (the network normalises each channel with training statistics).
    /// Default "Features".
    /// </summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Image height in pixels, or null to read it from the column's dimensions (ExtractPixels declares them).</summary>
    public int? ImageHeight { get; set; }

    /// <summary>Image width in pixels, or null to read it from the column's dimensions.</summary>
    public int? ImageWidth { get; set; }

    /// <summary>
    /// Channels of the stem and of each residual stage; the stem and every stage after the first halve the resolution
    /// (2×2 average pooling, so heatmap cells lie exactly over their pixels).
    /// Default [32, 64, 128, 256]: 16× down-sampling, so a 128-pixel image gives an 8 × 8 heatmap. Each width must be
    /// a multiple of <see cref="WidthMultiple"/>.
    /// </summary>
    public IReadOnlyList<int> Widths { get; set; } = [32, 64, 128, 256];

    /// <summary>
    /// Every width is a multiple of this. oneDNN (libtorch 2.10's CPU convolutions) lays channels out in blocks of 16 on
    /// AVX-512 CPUs and pads other widths; with more than one thread its padded backward pass returned NaN or
    /// run-to-run different gradients here (widths 4, 8 and 12 measured), which multiples of 16 never did.
    /// </summary>
    public const int WidthMultiple = 16;

    /// <summary>Dropout before the output layer (fastai's head <c>ps</c>). Default 0.5.</summary>
    public double Dropout { get; set; } = 0.5;

    /// <summary>
    /// Augmentation drawn anew for every training image in every epoch (fastai's <c>get_transforms</c>), or null for
    /// none. It applies at the data's own size, so leave its Width and Height unset. Scoring never augments.
    /// </summary>
    public ImageAugmentOptions? Augmentation { get; set; }

    /// <summary>fastai's MixUp or CutMix on every training batch. Default <see cref="BatchMixing.None"/>.</summary>
    public BatchMixing Mixing { get; set; } = BatchMixing.None;

    /// <summary>α of the Beta(α, α) that draws the mixing weight, or null for fastai's default (MixUp 0.4, CutMix 1).</summary>
    public double? MixingAlpha { get; set; }

    /// <summary>Which map the heatmap output holds. Default <see cref="HeatmapKind.ChannelMean"/> (the lesson's).</summary>
    public HeatmapKind Heatmap { get; set; } = HeatmapKind.ChannelMean;

    /// <summary>
    /// Average the heatmap with the mirrored map of the horizontally mirrored image (test-time augmentation for the
    /// map, inside the scoring graph; the class scores remain the image's own). Doubles the cost of scoring. Default false.
    /// </summary>
    public bool FlipAveragedHeatmap { get; set; }

    /// <summary>
    /// Smooth the heatmap over neighbouring cells (3 × 3 binomial filter, [1 2 1]ᵀ · [1 2 1] / 16, renormalised at the
    /// border; inside the scoring graph, after flip averaging), so that its maximum marks the middle of a strongly
    /// activated region rather than one cell that stands out alone. Default false (the lesson's raw map).
    /// </summary>
    public bool SmoothedHeatmap { get; set; }

    /// <summary>The heatmap output column: Single, [height / 16, width / 16] with the default widths. Default "Heatmap".</summary>
    public string HeatmapColumnName { get; set; } = "Heatmap";

    /// <summary>Passes over the training data. Default 20.</summary>
    public override int Epochs { get; set; } = 20;

    /// <summary>Images per batch; the last incomplete batch of an epoch is dropped. Default 32.</summary>
    public override int BatchSize { get; set; } = 32;

    /// <summary>Peak learning rate of the one-cycle schedule. Default 3e-3.</summary>
    public override double MaxLearningRate { get; set; } = 3e-3;

    /// <summary>A copy whose lists and augmentation options are the trainer's own.</summary>
    internal ImageCnnOptions Copy()
    {
        var copy = (ImageCnnOptions)MemberwiseClone();
        copy.Widths = [.. Widths];
        copy.Augmentation = Augmentation?.Copy();
        return copy;
    }
}
