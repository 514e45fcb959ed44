using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using static Microsoft.ML.Transforms.ValueToKeyMappingEstimator;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// The built-in steps after a multiclass ONNX graph: its probabilities become <c>Score</c>, its class number a
/// key-typed <c>PredictedLabel</c> (keys 1..classes, as the label's), and the raw columns are dropped. When the training
/// label carries text key values (as <c>MapValueToKey</c> on a text column gives), <c>PredictedLabel</c> carries the
/// same names in the same order, so <c>MapKeyToValue</c> turns a prediction back into the class's name.
/// </summary>
internal static class MulticlassScoringChain
{
    public static EstimatorChain<ITransformer> Append(EstimatorChain<ITransformer> chain, MLContext context, int classes, DataViewSchema.Column label)
    {
        chain = chain.Append<ITransformer>(context.Transforms.CopyColumns("Score", RawOutputRow.Column))
            .Append<ITransformer>(context.Transforms.CustomMapping<RawClassRow, ClassNumberRow>(ClassNumberFactory.Map, ClassNumberFactory.ContractName));
        var names = TextKeyValues(label, classes);
        if (names is null)
        {
            return chain.Append<ITransformer>(context.Transforms.Conversion.MapValueToKey("PredictedLabel", ClassNumberRow.Column,
                    keyOrdinality: KeyOrdinality.ByOccurrence,
                    keyData: context.Data.LoadFromEnumerable(Enumerable.Range(1, classes).Select(n => new ClassNumberRow { Number = (uint)n }))))
                .Append<ITransformer>(context.Transforms.DropColumns(RawOutputRow.Column, RawClassRow.Column, ClassNumberRow.Column));
        }
        var numberToName = names.Select((name, i) => new KeyValuePair<uint, string>((uint)(i + 1), name));
        return chain.Append<ITransformer>(context.Transforms.Conversion.MapValue(ClassNameRow.Column, numberToName, ClassNumberRow.Column))
            .Append<ITransformer>(context.Transforms.Conversion.MapValueToKey("PredictedLabel", ClassNameRow.Column,
                keyOrdinality: KeyOrdinality.ByOccurrence,
                keyData: context.Data.LoadFromEnumerable(names.Select(n => new ClassNameRow { Name = n }))))
            .Append<ITransformer>(context.Transforms.DropColumns(RawOutputRow.Column, RawClassRow.Column, ClassNumberRow.Column, ClassNameRow.Column));
    }

    /// <summary>The label's key values as text, one per class and all distinct, or null when it has none such.</summary>
    private static string[]? TextKeyValues(DataViewSchema.Column label, int classes)
    {
        if (!label.HasKeyValues() || label.Annotations.Schema["KeyValues"].Type is not VectorDataViewType { ItemType: TextDataViewType })
            return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        label.GetKeyValues(ref values);
        var names = values.DenseValues().Select(v => v.ToString()).ToArray();
        return names.Length == classes && names.Distinct().Count() == classes ? names : null;
    }
}
