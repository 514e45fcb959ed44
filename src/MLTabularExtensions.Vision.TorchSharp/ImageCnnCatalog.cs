using Microsoft.ML;
using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>ImageCnn on <c>mlContext.MulticlassClassification.Trainers</c>.</summary>
public static class ImageCnnCatalog
{
    /// <summary>
    /// A CNN trained from scratch on pixels from <c>ExtractPixels</c>. Outputs <c>Score</c>, <c>PredictedLabel</c> and
    /// a heatmap column.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Columns, network and training schedule.</param>
    public static ImageCnnTrainer ImageCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, ImageCnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageCnnTrainer(options, CatalogHost.For(catalog, ImageColumns.Trainer));
    }
}
