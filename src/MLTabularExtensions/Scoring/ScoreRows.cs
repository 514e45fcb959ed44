using Microsoft.ML.Data;

namespace MLTabularExtensions.Scoring;

/// <summary>
/// The network's raw output as ONNX Runtime hands it to ML.NET: one row of a [N, 1] tensor. Its column name is
/// private to the scoring chain, which drops it after <see cref="ScoreFactory"/> or <see cref="BinaryScoreFactory"/>.
/// </summary>
public sealed class RawOutputRow
{
    /// <summary>The column name the ONNX graph writes and the mapping reads (no dots: OnnxTransformer cuts names at the first one).</summary>
    public const string Column = "mltab_onnx_output";

    /// <summary>The single output value, in a [1, 1] vector.</summary>
    [ColumnName(Column)]
    [VectorType(1, 1)]
    public float[] Output { get; set; } = [];
}

/// <summary>ML.NET's regression output column.</summary>
public sealed class RegressionScoreRow
{
    /// <summary>The prediction, in the label's units.</summary>
    public float Score { get; set; }
}

/// <summary>ML.NET's binary-classification output columns.</summary>
public sealed class BinaryScoreRow
{
    /// <summary>The raw score (logit); positive means the positive class.</summary>
    public float Score { get; set; }

    /// <summary>The calibrated probability of the positive class, sigmoid(<see cref="Score"/>).</summary>
    public float Probability { get; set; }

    /// <summary>True when <see cref="Probability"/> &gt; 0.5.</summary>
    public bool PredictedLabel { get; set; }
}
