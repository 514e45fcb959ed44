namespace MLTabularExtensions.Onnx;

/// <summary>How <see cref="BatchedScoringCatalog.LoadWithBatchedScoring(Microsoft.ML.ModelOperationsCatalog, string, out Microsoft.ML.DataViewSchema, BatchedScoringOptions?)"/> scores.</summary>
public sealed class BatchedScoringOptions
{
    /// <summary>
    /// Rows handed to ONNX Runtime in one call when a cursor scores (default 1024). Wide inputs (images) are scored in
    /// fewer rows at a time, so that one batch's buffers stay within 64 MB. A PredictionEngine scores one row per call
    /// whatever this says.
    /// </summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>
    /// ONNX Runtime's intra-op threads for the model's graphs (default: <see cref="Environment.ProcessorCount"/>). The
    /// threads belong to the loaded model's ONNX Runtime scorer and end with it; nothing process-wide changes.
    /// </summary>
    public int? Threads { get; set; }
}
