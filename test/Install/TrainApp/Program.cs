using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

var ml = new MLContext(seed: 1);

// Load data: a CSV with a header (here a small generated sales table; use your own file). Empty numeric fields
// must load as NaN (missing), not ML.NET's default 0, for FillMissing to see them.
SalesCsv.Write("sales.csv", rows: 4000);
var csv = new TextLoader.Options { Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true };
var data = ml.Data.LoadFromTextFile<ModelInput>("sales.csv", csv);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

// Build the pipeline: fastai's add_datepart and procs (FillMissing, Categorify, Normalize), then TabularNet.
var pipeline = ml.Transforms.AddDateParts(nameof(ModelInput.Date))
    .Append(ml.Transforms.TabularPreprocess(new TabularPreprocessOptions
    {
        CategoricalColumns = ["Store", "Dayofweek"],
        ContinuousColumns = ["Distance", "Promo"],          // Distance has gaps: filled with the median, + Distance_na
    }))
    .Append(ml.Regression.Trainers.TabularNet(new TabularNetOptions
    {
        LabelColumnName = "Sales",
        CategoricalColumns = ["Store", "Dayofweek", "Distance_na"],
        ContinuousColumns = ["Distance", "Promo"],
        Layers = [200, 100],
        Epochs = 8,
        MaxLearningRate = 1e-2,
        LogTarget = true,                                    // sales are positive and skewed: learn log(Sales)
        Progress = new Progress<EpochReport>(Console.WriteLine),
    }));

// Train and evaluate on the held-out rows.
using var model = pipeline.Fit(split.TrainSet);
var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet), labelColumnName: "Sales");
Console.WriteLine($"test R² {metrics.RSquared:F3}, RMSE {metrics.RootMeanSquaredError:F1}");

// Save, then load in a fresh context as a scoring app would (it needs MLTabularExtensions and ONNX Runtime only).
ml.Model.Save(model, data.Schema, "model.zip");
var scoring = new MLContext().RegisterTabularExtensions();
var loaded = scoring.Model.Load("model.zip", out _);
using var engine = scoring.Model.CreatePredictionEngine<ModelInput, ModelOutput>(loaded);
var input = new ModelInput { Date = new DateTime(2015, 7, 31), Store = "S3", Promo = 1, Distance = float.NaN };
Console.WriteLine($"Predicted sales of store S3 on 2015-07-31 with a promo: {engine.Predict(input).Score:F0}");

// What the install test checks: a useful model, and identical scores from the reloaded model.
var before = model.Transform(data).GetColumn<float>("Score").ToArray();
var after = loaded.Transform(data).GetColumn<float>("Score").ToArray();
File.WriteAllLines("scores.txt", after.Select(s => s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
(loaded as IDisposable)?.Dispose();
if (metrics.RSquared < 0.8) throw new InvalidOperationException($"test R² {metrics.RSquared:F3} < 0.8: the model did not learn");
if (!before.SequenceEqual(after)) throw new InvalidOperationException("the reloaded model scores differently");
Console.WriteLine($"OK: {after.Length} rows score identically after reloading");
