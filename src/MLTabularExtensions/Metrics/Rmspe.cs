using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Metrics;

/// <summary>
/// Root mean squared percentage error, the Rossmann metric: <c>sqrt(mean(((y − ŷ) / y)²))</c> over rows with y &gt; 0.
/// With <c>logTarget</c>, label and score are logarithms and are exponentiated first (fastai's <c>exp_rmspe</c>).
/// </summary>
public static class Rmspe
{
    /// <summary>RMSPE of paired labels and predictions.</summary>
    /// <param name="labels">True values (or their logarithms with <paramref name="logTarget"/>).</param>
    /// <param name="predictions">Predictions in the same units as <paramref name="labels"/>.</param>
    /// <param name="logTarget">Both are natural logarithms of the quantity to score.</param>
    public static double Compute(IEnumerable<double> labels, IEnumerable<double> predictions, bool logTarget = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        double sum = 0;
        long counted = 0;
        long row = 0;
        using var label = labels.GetEnumerator();
        using var prediction = predictions.GetEnumerator();
        while (label.MoveNext())
        {
            if (!prediction.MoveNext())
                throw new ArgumentException($"Rmspe: there are more labels than predictions (no prediction for row {row}).", nameof(predictions));
            var y = logTarget ? Math.Exp(label.Current) : label.Current;
            var yHat = logTarget ? Math.Exp(prediction.Current) : prediction.Current;
            if (double.IsNaN(y) || double.IsInfinity(y))
                throw new ArgumentException($"Rmspe: the label at row {row} is {label.Current}; expected a finite number.", nameof(labels));
            if (double.IsNaN(yHat))
                throw new ArgumentException($"Rmspe: the prediction at row {row} is NaN.", nameof(predictions));
            if (y > 0)
            {
                var relative = (y - yHat) / y;
                sum += relative * relative;
                counted++;
            }
            row++;
        }
        if (prediction.MoveNext())
            throw new ArgumentException($"Rmspe: there are more predictions than labels ({row} labels).", nameof(predictions));
        if (counted == 0)
            throw new ArgumentException("Rmspe: no row has a positive label, so the percentage error is undefined.", nameof(labels));
        return Math.Sqrt(sum / counted);
    }

    /// <summary>RMSPE of a scored data view (Single or Double label and score columns).</summary>
    /// <param name="data">Scored data, e.g. the output of a regression model's <c>Transform</c>.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="scoreColumnName">The prediction column.</param>
    /// <param name="logTarget">The model was trained on the natural logarithm of the label.</param>
    public static double Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        bool logTarget = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Compute(Column(data, labelColumnName), Column(data, scoreColumnName), logTarget);
    }

    private static IEnumerable<double> Column(IDataView data, string name)
    {
        var column = data.Schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), $"Rmspe: column '{name}' was not found; expected a Single or Double column.");
        if (column.Type == NumberDataViewType.Single)
            return data.GetColumn<float>(column).Select(v => (double)v);
        if (column.Type == NumberDataViewType.Double)
            return data.GetColumn<double>(column);
        throw new ArgumentOutOfRangeException(nameof(name), $"Rmspe: column '{name}' has type {column.Type}; expected Single or Double.");
    }
}
