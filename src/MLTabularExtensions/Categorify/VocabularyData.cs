using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Categorify;

/// <summary>Turns a learned vocabulary into the one-column <c>keyData</c> view that <c>MapValueToKey</c> takes.</summary>
internal static class VocabularyData
{
    public static IDataView Load(Array vocabulary) => vocabulary switch
    {
        string[] v => Column(TextDataViewType.Instance, v.Select(s => s.AsMemory()).ToArray()),
        float[] v => Column(NumberDataViewType.Single, v),
        double[] v => Column(NumberDataViewType.Double, v),
        int[] v => Column(NumberDataViewType.Int32, v),
        long[] v => Column(NumberDataViewType.Int64, v),
        bool[] v => Column(BooleanDataViewType.Instance, v),
        _ => throw new ArgumentException($"Unsupported vocabulary element type {vocabulary.GetType().GetElementType()}.", nameof(vocabulary)),
    };

    // Column arrays, not one object per category: a vocabulary can have a million entries.
    private static IDataView Column(DataViewType type, Array values) => new InMemoryDataView([("Value", type, values)], values.Length);
}
