using Microsoft.ML;

namespace MLTabularExtensions.Schema;

/// <summary>Which columns of a transform's output schema are its input's, passed through.</summary>
internal static class PassedThrough
{
    /// <summary>
    /// For each column of <paramref name="output"/>, the index of the <paramref name="input"/> column it passes through,
    /// or -1 for a column the transform adds. ML.NET keeps the input's columns in order and places a column that hides
    /// one of them right after it (later indexes shift), so the two schemas are matched in order, by name and type. Null
    /// when <paramref name="output"/> does not hold every input column in order.
    /// </summary>
    public static int[]? InputIndexes(DataViewSchema input, DataViewSchema output)
    {
        var indexes = new int[output.Count];
        var next = 0;
        for (var j = 0; j < output.Count; j++)
        {
            var matches = next < input.Count && output[j].Name == input[next].Name && output[j].Type.Equals(input[next].Type);
            indexes[j] = matches ? next++ : -1;
        }
        return next == input.Count ? indexes : null;
    }
}
