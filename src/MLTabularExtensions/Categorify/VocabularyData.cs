using Microsoft.ML;

namespace MLTabularExtensions.Categorify;

/// <summary>Turns a learned vocabulary into the one-column <c>keyData</c> view that <c>MapValueToKey</c> takes.</summary>
internal static class VocabularyData
{
    public static IDataView Load(MLContext context, Array vocabulary) => vocabulary switch
    {
        string[] v => Rows(context, v),
        float[] v => Rows(context, v),
        double[] v => Rows(context, v),
        int[] v => Rows(context, v),
        long[] v => Rows(context, v),
        bool[] v => Rows(context, v),
        _ => throw new ArgumentException($"Unsupported vocabulary element type {vocabulary.GetType().GetElementType()}.", nameof(vocabulary)),
    };

    private static IDataView Rows<T>(MLContext context, T[] values) =>
        context.Data.LoadFromEnumerable(values.Select(v => new Row<T> { Value = v }).ToArray());

    private sealed class Row<T>
    {
        public T Value { get; set; } = default!;
    }
}
