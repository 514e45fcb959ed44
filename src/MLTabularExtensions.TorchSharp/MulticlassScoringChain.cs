using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// The built-in steps after a multiclass ONNX graph: its probabilities become <c>Score</c>, its class number a
/// key-typed <c>PredictedLabel</c> (keys 1..classes, as the label's), and the raw columns are dropped.
/// </summary>
internal static class MulticlassScoringChain
{
    public static EstimatorChain<ITransformer> Append(EstimatorChain<ITransformer> chain, MLContext context, int classes) =>
        chain.Append<ITransformer>(context.Transforms.CopyColumns("Score", RawOutputRow.Column))
            .Append<ITransformer>(context.Transforms.CustomMapping<RawClassRow, ClassNumberRow>(ClassNumberFactory.Map, ClassNumberFactory.ContractName))
            .Append<ITransformer>(context.Transforms.Conversion.MapValueToKey("PredictedLabel", ClassNumberRow.Column,
                keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
                keyData: context.Data.LoadFromEnumerable(Enumerable.Range(1, classes).Select(n => new ClassNumberRow { Number = (uint)n }))))
            .Append<ITransformer>(context.Transforms.DropColumns(RawOutputRow.Column, RawClassRow.Column, ClassNumberRow.Column));
}
