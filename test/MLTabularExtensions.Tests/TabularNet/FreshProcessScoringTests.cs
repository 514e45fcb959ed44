using System.Globalization;
using Microsoft.ML;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>A saved pipeline scored by another process that references ML.NET and ONNX Runtime but not TorchSharp.</summary>
[Category(TestCategories.Slow)]
public sealed class FreshProcessScoringTests
{
    [Test]
    public void SavedPipeline_ScoresIdentically_InAProcessWithoutTorchSharp()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1));
        var testRows = SyntheticTabular.Rows(50, 4);
        var model = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = ["Shop", "Weekday"],
            ContinuousColumns = ["Price", "Temperature"],
        }).Append(context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            CategoricalColumns = ["Shop", "Weekday", "Temperature_na"],
            ContinuousColumns = ["Price", "Temperature"],
            Layers = [16],
            LogTarget = true,
            Epochs = 1,
            BatchSize = 32,
        })).Fit(train);
        var expected = model.Transform(context.Data.LoadFromEnumerable(testRows)).Column<float>("Score");
        using var scratch = ScratchFolder.Create("host");
        var folder = scratch.Path;
        context.Model.Save(model, train.Schema, Path.Combine(folder, "model.zip"));
        model.LastTransformer.Dispose();
        File.WriteAllLines(Path.Combine(folder, "data.csv"), testRows.Select(r => string.Join(",", r.Shop,
            r.Weekday.ToString(CultureInfo.InvariantCulture), r.Price.ToString("R", CultureInfo.InvariantCulture),
            float.IsNaN(r.Temperature) ? "" : r.Temperature.ToString("R", CultureInfo.InvariantCulture),
            r.Busy ? "true" : "false", r.Level)).Prepend("Shop,Weekday,Price,Temperature,Busy,Level"));

        var report = RunHost(folder);

        Assert.That(report, Does.Contain("TorchSharp loaded: False; libtorch mapped: False"));
        var actual = File.ReadAllLines(Path.Combine(folder, "scores.txt")).Select(l => float.Parse(l, CultureInfo.InvariantCulture));
        Assert.That(actual, Is.EqualTo(expected));
    }

    private static string RunHost(string folder)
    {
        // test/MLTabularExtensions.Tests/bin/<Configuration>/net10.0 → test/MLTabularExtensions.ScoringHost/bin/<Configuration>/net10.0
        var testOutput = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var host = Path.Combine(testOutput.Parent!.Parent!.Parent!.Parent!.FullName, "MLTabularExtensions.ScoringHost", "bin",
            testOutput.Parent.Name, testOutput.Name, "MLTabularExtensions.ScoringHost.dll");
        return DotnetProcess.Run(host, [Path.Combine(folder, "model.zip"), Path.Combine(folder, "data.csv"), Path.Combine(folder, "scores.txt")]);
    }
}
