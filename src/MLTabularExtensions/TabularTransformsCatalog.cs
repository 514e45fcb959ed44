using Microsoft.ML;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.DateParts;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.Normalize;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions;

/// <summary>fastai's tabular procs on <c>mlContext.Transforms</c>.</summary>
public static class TabularTransformsCatalog
{
    /// <summary>fastai's <c>add_datepart</c>: expands a DateTime/DateTimeOffset column into calendar parts.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="inputColumnName">The date column (kept).</param>
    /// <param name="prefix">Output prefix; null: the column name without a trailing "Date"/"date".</param>
    /// <param name="includeTime">Also add Hour, Minute and Second.</param>
    public static AddDatePartsEstimator AddDateParts(this TransformsCatalog catalog, string inputColumnName,
        string? prefix = null, bool includeTime = false) =>
        catalog.AddDateParts(new AddDatePartsOptions { InputColumnName = inputColumnName, Prefix = prefix, IncludeTime = includeTime });

    /// <summary>fastai's <c>add_datepart</c> with all options.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static AddDatePartsEstimator AddDateParts(this TransformsCatalog catalog, AddDatePartsOptions options) =>
        new(Context(catalog), options);

    /// <summary>fastai's <c>FillMissing</c> with the median and <c>_na</c> indicators, written to <paramref name="outputColumnName"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column to write.</param>
    /// <param name="inputColumnName">The column to read (kept when the names differ); null: <paramref name="outputColumnName"/>, in place.</param>
    public static FillMissingEstimator FillMissing(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        catalog.FillMissing(new FillMissingOptions { ColumnPairs = [new InputOutputColumnPair(outputColumnName, inputColumnName ?? outputColumnName)] });

    /// <summary>fastai's <c>FillMissing</c> with the median and <c>_na</c> indicators, each pair's input written to its output.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The (output, input) column pairs.</param>
    public static FillMissingEstimator FillMissing(this TransformsCatalog catalog, InputOutputColumnPair[] columns) =>
        catalog.FillMissing(new FillMissingOptions { ColumnPairs = columns });

    /// <summary>fastai's <c>FillMissing</c> with the median and <c>_na</c> indicators, in place.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The continuous columns to fill in place, e.g. <c>["CompetitionDistance", "Promo2SinceYear"]</c>.</param>
    public static FillMissingEstimator FillMissing(this TransformsCatalog catalog, string[] columns) =>
        catalog.FillMissing(new FillMissingOptions { Columns = columns });

    /// <summary>fastai's <c>FillMissing</c> with all options.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static FillMissingEstimator FillMissing(this TransformsCatalog catalog, FillMissingOptions options) =>
        new(Context(catalog), options);

    /// <summary>fastai's <c>Categorify</c>: sorted training vocabulary, key 0 for missing and unseen values, written to <paramref name="outputColumnName"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column to write.</param>
    /// <param name="inputColumnName">The column to read (kept when the names differ); null: <paramref name="outputColumnName"/>, in place.</param>
    public static CategorifyEstimator Categorify(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        catalog.Categorify(new CategorifyOptions { ColumnPairs = [new InputOutputColumnPair(outputColumnName, inputColumnName ?? outputColumnName)] });

    /// <summary>fastai's <c>Categorify</c>: sorted training vocabulary, key 0 for missing and unseen values, each pair's input written to its output.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The (output, input) column pairs.</param>
    public static CategorifyEstimator Categorify(this TransformsCatalog catalog, InputOutputColumnPair[] columns) =>
        catalog.Categorify(new CategorifyOptions { ColumnPairs = columns });

    /// <summary>fastai's <c>Categorify</c>: sorted training vocabulary, key 0 for missing and unseen values, in place.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The categorical columns to turn into keys in place, e.g. <c>["Store", "DayOfWeek"]</c>.</param>
    public static CategorifyEstimator Categorify(this TransformsCatalog catalog, string[] columns) =>
        catalog.Categorify(new CategorifyOptions { Columns = columns });

    /// <summary>fastai's <c>Categorify</c> with all options.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static CategorifyEstimator Categorify(this TransformsCatalog catalog, CategorifyOptions options) =>
        new(Context(catalog), options);

    /// <summary>fastai's <c>Normalize</c>: <c>(x − mean) / (std + 1e-7)</c> with training statistics, written to <paramref name="outputColumnName"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column to write.</param>
    /// <param name="inputColumnName">The column to read (kept when the names differ); null: <paramref name="outputColumnName"/>, in place.</param>
    public static NormalizeEstimator Normalize(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        catalog.Normalize(new NormalizeOptions { ColumnPairs = [new InputOutputColumnPair(outputColumnName, inputColumnName ?? outputColumnName)] });

    /// <summary>fastai's <c>Normalize</c>: <c>(x − mean) / (std + 1e-7)</c> with training statistics, each pair's input written to its output.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The (output, input) column pairs.</param>
    public static NormalizeEstimator Normalize(this TransformsCatalog catalog, InputOutputColumnPair[] columns) =>
        catalog.Normalize(new NormalizeOptions { ColumnPairs = columns });

    /// <summary>fastai's <c>Normalize</c>: <c>(x − mean) / (std + 1e-7)</c> with training statistics, in place.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">The continuous columns to normalize in place, e.g. <c>["CompetitionDistance", "Promo2SinceYear"]</c>.</param>
    public static NormalizeEstimator Normalize(this TransformsCatalog catalog, string[] columns) =>
        catalog.Normalize(new NormalizeOptions { Columns = columns });

    /// <summary>fastai's <c>Normalize</c> with all options.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static NormalizeEstimator Normalize(this TransformsCatalog catalog, NormalizeOptions options) =>
        new(Context(catalog), options);

    /// <summary>fastai's <c>procs=[FillMissing, Categorify, Normalize]</c> in one estimator.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Categorical and continuous columns and the procs' options.</param>
    public static TabularPreprocessEstimator TabularPreprocess(this TransformsCatalog catalog, TabularPreprocessOptions options) =>
        new(Context(catalog), options);

    private static MLContext Context(TransformsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // A catalog's host environment is internal to ML.NET, so the built-in transforms this library assembles are
        // created in a context of its own. They hold no reference to it once fitted, and save and load as usual.
        return new MLContext();
    }
}
