using Microsoft.ML;

namespace MLTabularExtensions.Vision;

/// <summary>fastai's image augmentation on <c>mlContext.Transforms</c>.</summary>
public static class VisionTransformsCatalog
{
    /// <summary>
    /// fastai's <c>get_transforms</c> on an image column (from <c>LoadImages</c>): a training-data transform with new
    /// random draws on every pass. Saved models hold its deterministic scoring form, never the augmentation.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The augmented image column.</param>
    /// <param name="inputColumnName">The image column to read.</param>
    /// <param name="options">What to draw; null: fastai's defaults.</param>
    public static AugmentImagesEstimator AugmentImages(this TransformsCatalog catalog, string outputColumnName,
        string inputColumnName, ImageAugmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AugmentImagesEstimator(new MLContext(), outputColumnName, inputColumnName, options ?? new ImageAugmentOptions());
    }
}
