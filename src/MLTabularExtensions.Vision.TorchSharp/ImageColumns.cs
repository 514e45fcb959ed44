using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>The pixel and label columns ImageCnn reads, checked against a schema with specific errors.</summary>
/// <param name="Features">Pixel column name.</param>
/// <param name="Label">Label column name (key), or null when scoring.</param>
/// <param name="Channels">Planes in the pixel vector.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Classes">The label key's cardinality.</param>
internal sealed record ImageColumns(string Features, string? Label, int Channels, int Height, int Width, int Classes)
{
    public const string Trainer = "ImageCnn";

    public static ImageColumns Resolve(DataViewSchema schema, ImageCnnOptions options, string dataName, bool requireLabel = true)
    {
        var features = schema.GetColumnOrNull(options.FeatureColumnName)
            ?? throw Missing(schema, options.FeatureColumnName, dataName, "the pixel column (mlContext.Transforms.ExtractPixels)");
        if (features.Type is not VectorDataViewType { ItemType: NumberDataViewType number, Size: > 0 } vector || number.RawType != typeof(float))
            throw new ArgumentOutOfRangeException(nameof(schema), options.FeatureColumnName,
                $"{Trainer}: column '{options.FeatureColumnName}' of {dataName} has type {features.Type}; expected a Single vector of known size (channels × height × width, as ExtractPixels writes).");
        var (height, width) = Size(vector, options);
        var channels = vector.Size / (height * width);
        if (channels * height * width != vector.Size || channels is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(schema), options.FeatureColumnName,
                $"{Trainer}: column '{options.FeatureColumnName}' holds {vector.Size} values, which is not 1 to 4 channels of {height} × {width} pixels.");
        var classes = 0;
        if (requireLabel || schema.GetColumnOrNull(options.LabelColumnName) is not null)
        {
            var label = schema.GetColumnOrNull(options.LabelColumnName)
                ?? throw Missing(schema, options.LabelColumnName, dataName, "the label");
            if (label.Type is not KeyDataViewType key)
                throw new ArgumentOutOfRangeException(nameof(schema), options.LabelColumnName,
                    $"{Trainer}: label column '{options.LabelColumnName}' of {dataName} has type {label.Type}; expected a key column (use mlContext.Transforms.Conversion.MapValueToKey).");
            classes = (int)key.Count;
        }
        return new ImageColumns(options.FeatureColumnName, requireLabel ? options.LabelColumnName : null, channels, height, width, classes);
    }

    /// <summary>Throws when <paramref name="other"/> has a different pixel layout.</summary>
    public void CheckSame(ImageColumns other, string dataName)
    {
        if ((other.Channels, other.Height, other.Width) != (Channels, Height, Width))
            throw new ArgumentOutOfRangeException(nameof(other), Features,
                $"{Trainer}: column '{Features}' of {dataName} holds {other.Channels} × {other.Height} × {other.Width} pixels; the model was trained on {Channels} × {Height} × {Width}.");
    }

    private static (int Height, int Width) Size(VectorDataViewType vector, ImageCnnOptions options)
    {
        if (options.ImageHeight is { } h && options.ImageWidth is { } w) return (h, w);
        // ExtractPixels declares [channels, height, width] (or [height, width, channels] when interleaved, which a CNN cannot use as planes).
        if (vector.Dimensions.Length == 3) return (vector.Dimensions[1], vector.Dimensions[2]);
        throw new ArgumentOutOfRangeException(nameof(options), options.FeatureColumnName,
            $"{Trainer}: the size of the images in '{options.FeatureColumnName}' is unknown; set ImageHeight and ImageWidth.");
    }

    private static ArgumentOutOfRangeException Missing(DataViewSchema schema, string name, string dataName, string what) =>
        new(nameof(schema), name, $"{Trainer}: column '{name}' ({what}) was not found in {dataName}. Columns present: {string.Join(", ", schema.Select(c => c.Name))}.");
}
