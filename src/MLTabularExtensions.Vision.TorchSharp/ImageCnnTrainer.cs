using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// A small ResNet trained from scratch on a pixel column (LoadImages → ResizeImages → ExtractPixels) with fastai's
/// one-cycle AdamW and optional per-epoch augmentation, exported to ONNX and scored by ML.NET built-ins (see
/// <see cref="ImageCnnTransformer"/>).
/// </summary>
public sealed class ImageCnnTrainer : IEstimator<ImageCnnTransformer>
{
    private readonly ImageCnnOptions _options;
    private readonly CatalogHost _host;

    internal ImageCnnTrainer(ImageCnnOptions options, CatalogHost host)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The trainer keeps its own copy, validated once: changing the caller's options object later changes nothing.
        _options = options.Copy();
        Validate(_options);
        _options.Seed ??= host.Seed;
        _host = host;
    }

    /// <summary>Reads all images once, trains, and exports the network.</summary>
    public ImageCnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = TrainingScope.Enter(_options, _host, ImageColumns.Trainer);
        var device = scope.Device;
        var columns = ImageColumns.Resolve(input.Schema, _options, "the training data");
        var train = ImageTable.Read(input, columns, "the training data");
        CheckClasses(train, columns);
        var valid = ReadValidation(columns);
        var shape = new ImageCnnShape(columns.Channels, columns.Height, columns.Width, _options.Widths, columns.Classes, _options.Dropout);
        using var model = new ImageCnnTraining(_options, device, _host).Train(shape, train, valid);
        model.to(CPU);
        var graphs = HeatmapChoice.All.ToDictionary(choice => choice, choice => ImageCnnOnnxExport.Export(model,
            columns.Features, RawOutputRow.Column, RawClassRow.Column, _options.HeatmapColumnName, choice));
        var heatmap = new HeatmapChoice(_options.Heatmap, _options.FlipAveragedHeatmap, _options.SmoothedHeatmap);
        return ImageCnnTransformer.Create(columns, _options, shape, graphs, heatmap, input);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var name in new[] { _options.FeatureColumnName, _options.LabelColumnName })
        {
            if (!inputSchema.Any(c => c.Name == name))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{ImageColumns.Trainer}: column '{name}' was not found in the input.");
        }
        var context = new MLContext();
        // Before training only the label's key type is known: Score gets one slot per class, PredictedLabel the label's type.
        return new EstimatorChain<ITransformer>()
            .Append<ITransformer>(context.Transforms.Conversion.MapKeyToVector("Score", _options.LabelColumnName))
            .Append<ITransformer>(context.Transforms.CopyColumns("PredictedLabel", _options.LabelColumnName))
            .Append<ITransformer>(context.Transforms.CopyColumns(_options.HeatmapColumnName, _options.FeatureColumnName))
            .GetOutputSchema(inputSchema);
    }

    private ImageTable? ReadValidation(ImageColumns columns)
    {
        if (_options.ValidationData is not { } data) return null;
        var validColumns = ImageColumns.Resolve(data.Schema, _options, "the validation data");
        columns.CheckSame(validColumns, "the validation data");
        return ImageTable.Read(data, columns, "the validation data");
    }

    private static void CheckClasses(ImageTable train, ImageColumns columns)
    {
        var present = train.Labels.Distinct().Count();
        if (columns.Classes < 2 || present < 2)
            throw new InvalidOperationException(
                $"{ImageColumns.Trainer}: label column '{columns.Label}' has {present} class(es) in the training data (its key type has {columns.Classes}); a classifier needs at least two.");
    }

    private static void Validate(ImageCnnOptions options)
    {
        const string trainer = ImageColumns.Trainer;
        FitOneCycleCheck.Validate(options, trainer);
        FitOneCycleCheck.Require(options.Widths.Count > 0 && options.Widths.All(w => w > 0 && w % ImageCnnOptions.WidthMultiple == 0), trainer, nameof(options.Widths),
            $"must list at least one width, each a positive multiple of {ImageCnnOptions.WidthMultiple} (libtorch's AVX-512 convolution kernels pad other widths, and their padded backward pass returned corrupt gradients)");
        FitOneCycleCheck.Require(options.Dropout is >= 0 and < 1, trainer, nameof(options.Dropout), "must be in [0, 1)");
        FitOneCycleCheck.Require(options.ImageHeight.HasValue == options.ImageWidth.HasValue && (options.ImageHeight ?? 1) > 0 && (options.ImageWidth ?? 1) > 0,
            trainer, nameof(options.ImageHeight), "and ImageWidth must both be set (positive) or both be null");
        FitOneCycleCheck.Require(options.Augmentation is null || (options.Augmentation.Width is null && options.Augmentation.Height is null),
            trainer, nameof(options.Augmentation), "applies at the data's own size: leave its Width and Height unset (crop with AugmentImages or ResizeImages before ExtractPixels)");
        FitOneCycleCheck.Require(!options.HeatmapColumnName.Contains('.', StringComparison.Ordinal) && options.HeatmapColumnName.Length > 0,
            trainer, nameof(options.HeatmapColumnName), "must be a non-empty name without dots (OnnxTransformer cuts names at the first dot)");
        FitOneCycleCheck.Require(Enum.IsDefined(options.Mixing), trainer, nameof(options.Mixing), "must be None, MixUp or CutMix");
        FitOneCycleCheck.Require(options.MixingAlpha is null or > 0 && double.IsFinite(options.MixingAlpha ?? 1), trainer, nameof(options.MixingAlpha), "must be positive and finite (or null for fastai's default)");
        if (options.Augmentation is { } augmentation) MLTabularExtensions.Vision.ImageAugmentOptionsCheck.Check(augmentation, trainer);
    }
}
