using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Tests;

/// <summary>Reads a key column's text key values, the class names a classifier's PredictedLabel should carry.</summary>
internal static class ClassNames
{
    public static string[] Of(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>The predicted class names through ML.NET's own <c>MapKeyToValue</c>.</summary>
    public static string[] Predicted(MLContext context, IDataView scored) =>
        [.. context.Transforms.Conversion.MapKeyToValue("PredictedName", "PredictedLabel").Fit(scored).Transform(scored)
            .GetColumn<ReadOnlyMemory<char>>("PredictedName").Select(n => n.ToString())];
}
