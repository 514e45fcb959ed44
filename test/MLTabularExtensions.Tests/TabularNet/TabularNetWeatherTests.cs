using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>
/// Multiclass TabularNet with BatchNorm on vega's Seattle/New York weather, as a new user would set it up: the network
/// must score its own training rows in eval mode (ONNX, running BatchNorm statistics) about as well as it fitted them.
/// </summary>
public sealed class TabularNetWeatherTests
{
    private sealed class WeatherDay
    {
        [LoadColumn(0)] public string Location { get; set; } = "";
        [LoadColumn(1)] public DateTime Date { get; set; }
        [LoadColumn(2)] public float Precipitation { get; set; }
        [LoadColumn(3)] public float TempMax { get; set; }
        [LoadColumn(4)] public float TempMin { get; set; }
        [LoadColumn(5)] public float Wind { get; set; }
        [LoadColumn(6)] public string Weather { get; set; } = "";
    }

    [Test]
    public void EvalModeAccuracyOnTrainingRows_IsCloseToWhatTrainingFitted()
    {
        var context = TestData.Context();
        var path = Path.Combine(TestData.SharedData("vega-datasets"), "weather.csv");
        var data = context.Data.LoadFromTextFile<WeatherDay>(path, separatorChar: ',', hasHeader: true);
        var preprocess = context.Transforms.Conversion.MapValueToKey("Label", nameof(WeatherDay.Weather))
            .Append(context.Transforms.AddDateParts(nameof(WeatherDay.Date)))
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = [nameof(WeatherDay.Location), "Month", "Dayofweek"],
                ContinuousColumns = [nameof(WeatherDay.Precipitation), nameof(WeatherDay.TempMax), nameof(WeatherDay.TempMin), nameof(WeatherDay.Wind), "Dayofyear"],
            }))
            .Fit(data);
        var prepared = preprocess.Transform(data);
        var epochs = new List<EpochReport>();
        var options = new TabularNetOptions
        {
            CategoricalColumns = preprocess.LastTransformer.CategoricalColumns,
            ContinuousColumns = preprocess.LastTransformer.ContinuousColumns,
            Layers = [200, 100],
            BatchSize = 64,
            MaxLearningRate = 1e-2,
            Epochs = 15,
            ValidationData = prepared,
            Progress = new SynchronousProgress<EpochReport>(epochs.Add),
        };
        using var model = context.MulticlassClassification.Trainers.TabularNet(options).Fit(prepared);

        var metrics = context.MulticlassClassification.Evaluate(model.Transform(prepared));
        TestContext.Out.WriteLine(string.Join("\n", epochs));
        TestContext.Out.WriteLine($"eval-mode accuracy on the training rows: {metrics.MicroAccuracy:F3}");
        Assert.That(metrics.MicroAccuracy, Is.GreaterThan(0.8), "LightGBM reaches 0.86 here; 'rain' for every wet day is 0.44");
        Assert.That(epochs[^1].ValidMetric, Is.EqualTo(metrics.MicroAccuracy).Within(0.01), "the loop's eval mode and the ONNX graph agree");
    }
}
