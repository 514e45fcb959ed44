using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace MLTabularExtensions.Vision;

/// <summary>
/// fastai's <c>get_transforms</c> as an ML.NET estimator over an image column: flips, rotation, zoom, perspective
/// warp and lighting, drawn per image and per pass. Apply it to training data only (see
/// <see cref="AugmentImagesTransformer"/>). Nothing is learned: fitting only checks the schema.
/// </summary>
public sealed class AugmentImagesEstimator : IEstimator<AugmentImagesTransformer>
{
    private const string Owner = "AugmentImages";
    private readonly MLContext _context;
    private readonly ImageAugmentOptions _options;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;

    internal AugmentImagesEstimator(MLContext context, string outputColumnName, string inputColumnName, ImageAugmentOptions options)
    {
        _context = context;
        _options = ImageAugmentOptionsCheck.Check(options, Owner);
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName;
    }

    /// <inheritdoc />
    public AugmentImagesTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImageColumn.Find(input.Schema, _inputColumnName, Owner);
        return new AugmentImagesTransformer(_options, _outputColumnName, _inputColumnName, ScoringEstimator().Fit(input));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == _inputColumnName);
        if (column.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), _inputColumnName, $"{Owner}: input column '{_inputColumnName}' was not found.");
        if (column.ItemType is not ImageDataViewType)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), _inputColumnName,
                $"{Owner}: input column '{_inputColumnName}' has type {column.ItemType}; expected an image column (use mlContext.Transforms.LoadImages).");
        return ScoringEstimator().GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> ScoringEstimator() => _options.Width is { } width && _options.Height is { } height
        ? _context.Transforms.ResizeImages(_outputColumnName, width, height, _inputColumnName,
            ImageResizingEstimator.ResizingKind.IsoCrop, ImageResizingEstimator.Anchor.Center)
        : _context.Transforms.CopyColumns(_outputColumnName, _inputColumnName);
}
