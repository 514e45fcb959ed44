using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace MLTabularExtensions.Vision;

/// <summary>Finds an image column (ML.NET's <see cref="ImageDataViewType"/>, as <c>LoadImages</c> writes) or says what is wrong.</summary>
internal static class ImageColumn
{
    public static DataViewSchema.Column Find(DataViewSchema schema, string name, string owner)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), name,
                $"{owner}: input column '{name}' was not found. Columns present: {string.Join(", ", schema.Select(c => c.Name))}.");
        if (column.Type is not ImageDataViewType)
            throw new ArgumentOutOfRangeException(nameof(name), name,
                $"{owner}: input column '{name}' has type {column.Type}; expected an image column (use mlContext.Transforms.LoadImages).");
        return column;
    }
}
