using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MLTabularExtensions.Vision;

/// <summary>
/// Fitted <c>AugmentImages</c>: a training-data transform. <see cref="Transform"/> draws new random augmentations on
/// every pass over the data (seeded, so runs repeat). It is not a scoring step: <c>mlContext.Model.Save</c> writes
/// its deterministic <see cref="ScoringForm"/> instead (the centre crop at the output size, or the image unchanged),
/// and a <c>PredictionEngine</c> over it is refused.
/// </summary>
public sealed class AugmentImagesTransformer : ITransformer, ICanSaveModel
{
    private readonly ImageAugmentOptions _options;

    internal AugmentImagesTransformer(ImageAugmentOptions options, string outputColumnName, string inputColumnName,
        ITransformer scoringForm)
    {
        _options = options;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        ScoringForm = scoringForm;
    }

    /// <summary>The augmented image column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The image column read.</summary>
    public string InputColumnName { get; }

    /// <summary>
    /// The deterministic equivalent for validation and scoring data: ML.NET's <c>ResizeImages</c> (cover, centre
    /// crop) with an output size, else a copy of the input column. This is what gets saved.
    /// </summary>
    public ITransformer ScoringForm { get; }

    /// <summary>False: augmentation is for training data, never for single predictions.</summary>
    public bool IsRowToRowMapper => false;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ImageColumn.Find(inputSchema, InputColumnName, "AugmentImages");
        return ScoringForm.GetOutputSchema(inputSchema);
    }

    /// <summary>Always throws: a prediction must not be made on a randomly augmented input.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new InvalidOperationException(
            "AugmentImages is a training-data transform (new random draws on every pass) and cannot score single rows. " +
            "Use ScoringForm, or save the model: mlContext.Model.Save writes the deterministic scoring form.");

    /// <summary>Augments lazily: each cursor opened over the result is a new pass with new draws.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = ImageColumn.Find(input.Schema, InputColumnName, "AugmentImages");
        var outputType = ScoringForm.GetOutputSchema(input.Schema)[OutputColumnName].Type;
        return new AugmentedDataView(input, _options, OutputColumnName, column.Index, outputType);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)ScoringForm).Save(ctx);
}
