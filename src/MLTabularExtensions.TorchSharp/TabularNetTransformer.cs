using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// A trained TabularNet, scored by ML.NET's <c>OnnxTransformer</c> (the network exported to ONNX in eval mode) and a
/// stateless <c>CustomMapping</c> that emits ML.NET's standard columns: <c>Score</c> for regression; <c>Score</c>,
/// <c>Probability</c> and <c>PredictedLabel</c> for binary classification. A saved model loads with
/// <c>mlContext.RegisterTabularExtensions().Model.Load</c> and needs ONNX Runtime, not TorchSharp. Dispose it (or the
/// loaded model) to delete the temporary copy of the graph that ONNX Runtime scores from; the copies of transformers
/// still alive at process exit are deleted then.
/// </summary>
public sealed class TabularNetTransformer : OnnxScoredTransformer
{
    private readonly TabularColumns _columns;

    private TabularNetTransformer(ITransformer inner, TabularColumns columns, byte[] onnxModel, OnnxGraphFile graphFile) : base(inner, graphFile)
    {
        _columns = columns;
        OnnxModel = onnxModel;
    }

    /// <summary>The exported network (ONNX protobuf bytes), e.g. to serve it elsewhere.</summary>
    public IReadOnlyList<byte> OnnxModel { get; }

    internal static TabularNetTransformer Create(TabularColumns columns, byte[] onnxModel, IDataView trainingData)
    {
        var context = new MLContext();
        string[] inputs = [.. columns.Categorical.Select(c => c.Name), .. columns.Continuous.Select(c => c.Name)];
        var multiclass = columns.Task == TabularNetTask.MulticlassClassification;
        string[] outputs = multiclass ? [RawOutputRow.Column, RawClassRow.Column] : [RawOutputRow.Column];
        var graphFile = new OnnxGraphFile(onnxModel);
        var chain = new EstimatorChain<ITransformer>().Append<ITransformer>(graphFile.Scorer(context, outputs, inputs));
        chain = multiclass
            ? MulticlassScoringChain.Append(chain, context, (int)columns.ClassCount, trainingData.Schema[columns.Label])
            : chain.Append(ScoreMapping(context, columns.Task))
                .Append<ITransformer>(context.Transforms.DropColumns(RawOutputRow.Column));
        return new TabularNetTransformer(graphFile.Fit(chain, trainingData), columns, onnxModel, graphFile);
    }

    /// <summary>The estimators that give the same output columns, for <c>GetOutputSchema</c> before training.</summary>
    /// <param name="context">Context to build the placeholder estimators in.</param>
    /// <param name="task">The task, which fixes the output columns.</param>
    /// <param name="label">The label column (Single or Boolean), read only for its presence.</param>
    internal static IEstimator<ITransformer> OutputPlaceholder(MLContext context, TabularNetTask task, string label)
    {
        // A literal without a decimal point: ML.NET's expression lexer reads "0.0" with the thread's culture, which
        // fails where the decimal separator is a comma (de-DE, fr-FR, …).
        const string zero = "x => 0e0";
        var chain = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(context.Transforms.Expression("Score", zero, label));
        if (task == TabularNetTask.MulticlassClassification)
        {
            // Before training the class count is unknown: declare the label's own key type for PredictedLabel.
            return new EstimatorChain<ITransformer>()
                .Append<ITransformer>(context.Transforms.Conversion.MapKeyToVector("Score", label))
                .Append<ITransformer>(context.Transforms.CopyColumns("PredictedLabel", label));
        }
        if (task == TabularNetTask.BinaryClassification)
        {
            chain = chain.Append<ITransformer>(context.Transforms.Expression("Probability", zero, label))
                .Append<ITransformer>(context.Transforms.Expression("PredictedLabel", "x => false", label));
        }
        return chain;
    }

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema) =>
        _columns.CheckSame(TabularColumns.Resolve(schema, _columns.FeatureOptions(), _columns.Task, "the data to score", requireLabel: false),
            "the data to score");

    private static IEstimator<ITransformer> ScoreMapping(MLContext context, TabularNetTask task) => task switch
    {
        TabularNetTask.Regression => context.Transforms.CustomMapping<RawOutputRow, RegressionScoreRow>(ScoreFactory.Map, ScoreFactory.ContractName),
        TabularNetTask.BinaryClassification => context.Transforms.CustomMapping<RawOutputRow, BinaryScoreRow>(BinaryScoreFactory.Map, BinaryScoreFactory.ContractName),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Multiclass scoring has its own chain."),
    };
}
