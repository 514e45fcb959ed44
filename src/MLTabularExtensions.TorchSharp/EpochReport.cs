namespace MLTabularExtensions.TorchSharp;

/// <summary>What one epoch of training did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (in training units: log units with LogTarget).</param>
/// <param name="ValidLoss">Loss on the validation data, when given.</param>
/// <param name="ValidMetric">The task's metric on the validation data: RMSPE (LogTarget) or RMSE for regression, accuracy for classification.</param>
/// <param name="MetricName">Name of <paramref name="ValidMetric"/>.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps (validation excluded).</param>
/// <param name="RowsPerSecond">Training rows per second.</param>
public sealed record EpochReport(int Epoch, double TrainLoss, double? ValidLoss, double? ValidMetric, string MetricName,
    double Seconds, double RowsPerSecond)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"epoch {Epoch}: train loss {TrainLoss:F5}")
        + (ValidLoss is { } loss ? FormattableString.Invariant($", valid loss {loss:F5}") : "")
        + (ValidMetric is { } metric ? FormattableString.Invariant($", valid {MetricName} {metric:F4}") : "")
        + FormattableString.Invariant($", {Seconds:F1} s ({RowsPerSecond:N0} rows/s)");
}

/// <summary>Where training is within an epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches in the epoch.</param>
/// <param name="MeanLoss">Mean training loss of the epoch's batches so far.</param>
/// <param name="RecentLoss">Mean training loss of the batches since the previous report.</param>
public sealed record BatchReport(int Epoch, int Batch, int Batches, double MeanLoss, double RecentLoss);
