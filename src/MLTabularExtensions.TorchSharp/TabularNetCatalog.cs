using Microsoft.ML;
using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.TorchSharp;

/// <summary>TabularNet on <c>mlContext.Regression.Trainers</c>, <c>BinaryClassification.Trainers</c> and <c>MulticlassClassification.Trainers</c>.</summary>
public static class TabularNetCatalog
{
    /// <summary>
    /// A TabularNet regressor with fastai's defaults on the key and Single/Double columns of its input (e.g. after
    /// <c>TabularPreprocess</c>; see <see cref="TabularNetOptions.CategoricalColumns"/>). Output: <c>Score</c>.
    /// </summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">The label (Single).</param>
    public static TabularNetTrainer TabularNet(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label") =>
        catalog.TabularNet(new TabularNetOptions { LabelColumnName = labelColumnName });

    /// <summary>
    /// A TabularNet binary classifier with fastai's defaults on the key and Single/Double columns of its input.
    /// Outputs: <c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>.
    /// </summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">The label (Boolean).</param>
    public static TabularNetTrainer TabularNet(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, string labelColumnName = "Label") =>
        catalog.TabularNet(new TabularNetOptions { LabelColumnName = labelColumnName });

    /// <summary>
    /// A TabularNet multiclass classifier with fastai's defaults on the key and Single/Double columns of its input.
    /// Outputs: <c>Score</c> (class probabilities) and the key-typed <c>PredictedLabel</c>.
    /// </summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">The label (a key column).</param>
    public static TabularNetTrainer TabularNet(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label") =>
        catalog.TabularNet(new TabularNetOptions { LabelColumnName = labelColumnName });

    /// <summary>A TabularNet regressor (label: Single). Output: <c>Score</c>.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">Columns, architecture and training schedule.</param>
    public static TabularNetTrainer TabularNet(this RegressionCatalog.RegressionTrainers catalog, TabularNetOptions options) =>
        new(TabularNetTask.Regression, options, CatalogHost.For(catalog, TabularColumns.Trainer));

    /// <summary>A TabularNet binary classifier (label: Boolean). Outputs: <c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">Columns, architecture and training schedule.</param>
    public static TabularNetTrainer TabularNet(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, TabularNetOptions options) =>
        new(TabularNetTask.BinaryClassification, options, CatalogHost.For(catalog, TabularColumns.Trainer));

    /// <summary>A TabularNet multiclass classifier (label: a key column). Outputs: <c>Score</c> (class probabilities) and the key-typed <c>PredictedLabel</c>.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">Columns, architecture and training schedule.</param>
    public static TabularNetTrainer TabularNet(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TabularNetOptions options) =>
        new(TabularNetTask.MulticlassClassification, options, CatalogHost.For(catalog, TabularColumns.Trainer));
}
