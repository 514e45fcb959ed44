using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace MLTabularExtensions.Lessons.Pets;

/// <summary>The image preparation every pets model uses: label → key, load, squash to a square, pixels as planes.</summary>
public static class PetsPipeline
{
    /// <summary>Label, Image (<paramref name="size"/> × <paramref name="size"/>) and Features (pixel planes, 0..255) from ImagePath and Breed.</summary>
    public static IEstimator<ITransformer> Prepare(MLContext context, int size) =>
        context.Transforms.Conversion.MapValueToKey("Label", nameof(PetRow.Breed))
            .Append(context.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(PetRow.ImagePath)))
            // Fill (fastai's ResizeMethod.SQUISH) keeps the whole animal, so heatmap cells map straight back onto the trimap.
            .Append(context.Transforms.ResizeImages("Image", size, size, resizing: ImageResizingEstimator.ResizingKind.Fill))
            .Append(context.Transforms.ExtractPixels("Features", "Image"));
}
