using MLTabularExtensions.TorchSharp.Training;
using MLTabularExtensions.Vision;

namespace MLTabularExtensions.TorchSharp.Vision;

/// <summary>
/// Options of the ImageCnn trainer: a small ResNet trained from scratch with fastai's <c>fit_one_cycle</c> (AdamW).
/// Training defaults follow fastai's <c>cnn_learner</c> where they apply.
/// </summary>
public sealed class ImageCnnOptions : IFitOneCycleOptions
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
    /// Channels of the stem and of each residual stage; every stage after the first halves the resolution.
    /// Default [32, 64, 128, 256]: 16× down-sampling, so a 128-pixel image gives an 8 × 8 heatmap.
    /// </summary>
    public IReadOnlyList<int> Widths { get; set; } = [32, 64, 128, 256];

    /// <summary>Dropout before the output layer (fastai's head <c>ps</c>). Default 0.5.</summary>
    public double Dropout { get; set; } = 0.5;

    /// <summary>
    /// Augmentation drawn anew for every training image in every epoch (fastai's <c>get_transforms</c>), or null for
    /// none. It applies at the data's own size, so leave its Width and Height unset. Scoring never augments.
    /// </summary>
    public ImageAugmentOptions? Augmentation { get; set; }

    /// <summary>Which map the heatmap output holds. Default <see cref="HeatmapKind.ChannelMean"/> (the lesson's).</summary>
    public HeatmapKind Heatmap { get; set; } = HeatmapKind.ChannelMean;

    /// <summary>The heatmap output column: Single, [height / 16, width / 16] with the default widths. Default "Heatmap".</summary>
    public string HeatmapColumnName { get; set; } = "Heatmap";

    /// <summary>Passes over the training data. Default 20.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Images per batch; the last incomplete batch of an epoch is dropped. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Peak learning rate of the one-cycle schedule. Default 3e-3.</summary>
    public double MaxLearningRate { get; set; } = 3e-3;

    /// <summary>Share of steps spent warming up (fastai <c>pct_start</c>). Default 0.3.</summary>
    public double WarmupFraction { get; set; } = 0.3;

    /// <summary>The schedule starts at MaxLearningRate / this (fastai <c>div</c>). Default 25.</summary>
    public double InitialDivisor { get; set; } = 25;

    /// <summary>The schedule ends at MaxLearningRate / this (fastai <c>div_final</c>). Default 1e4.</summary>
    public double FinalDivisor { get; set; } = 1e4;

    /// <summary>Adam β1 at the start and end of the cycle. Default 0.95.</summary>
    public double MaxMomentum { get; set; } = 0.95;

    /// <summary>Adam β1 at the peak learning rate. Default 0.85.</summary>
    public double MinMomentum { get; set; } = 0.85;

    /// <summary>Decoupled weight decay (AdamW) on convolution and linear weights only. Default 0.01 (fastai).</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>Seeds initialisation, shuffling and dropout (augmentation draws from <c>Augmentation.Seed</c>): same seeds, data and device give the same model on CPU.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>"cpu", "cuda" (fails clearly when no CUDA device and backend exist) or "auto". Default "cpu".</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>libtorch intra-op threads; null keeps libtorch's choice.</summary>
    public int? Threads { get; set; }

    /// <summary>Data with the same columns, scored after every epoch (loss and accuracy).</summary>
    public Microsoft.ML.IDataView? ValidationData { get; set; }

    /// <summary>Receives one report per epoch (rows = images).</summary>
    public IProgress<EpochReport>? Progress { get; set; }
}
