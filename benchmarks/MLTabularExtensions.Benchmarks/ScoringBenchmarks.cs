using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Cli;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.Onnx;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// Scoring through a saved and reloaded model zip (date parts + TabularPreprocess + the lesson's [1000, 500]
/// TabularNet, scored by ONNX Runtime): the 40,282 validation rows in bulk, and one row through a PredictionEngine;
/// each loaded with ML.NET's built-ins alone (<c>Model.Load</c>: OnnxTransformer calls ONNX Runtime once per row) and
/// with <c>LoadWithBatchedScoring</c>. The PredictionEngine calls take the first 1,000 validation rows in turn, as an
/// application's calls would. The network is trained for one epoch on 102,400 rows only: scoring cost depends on the architecture, not the weights.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ScoringBenchmarks
{
    private IDataView _valid = null!;
    private ITransformer _builtIn = null!;
    private ITransformer _batched = null!;
    private PredictionEngine<LessonRow, Prediction> _builtInEngine = null!;
    private PredictionEngine<LessonRow, Prediction> _batchedEngine = null!;
    private LessonRow[] _rows = null!;
    private int _next;
    private string _path = "";

    public sealed class Prediction
    {
        public float Score { get; set; }
    }

    [GlobalSetup]
    public void Setup()
    {
        var context = new MLContext(seed: 1);
        var rows = RossmannLesson.Build(RossmannSourceFiles.Load(context, RossmannInput.Folder));
        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Date < RossmannLesson.ValidationStart).Take(102_400).ToArray());
        var validRows = rows.Where(r => r.Date >= RossmannLesson.ValidationStart).ToArray();
        var pipeline = RossmannLesson.Preprocessing(context).Append(context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = [.. LessonRow.CategoricalColumns, "CompetitionDistance_na", "CloudCover_na"],
            ContinuousColumns = LessonRow.ContinuousColumns,
            Layers = [1000, 500],
            LogTarget = true,
            Epochs = 1,
            BatchSize = 512,
            Threads = 2,
        }));
        var model = pipeline.Fit(train);
        _path = Path.Combine(Path.GetTempPath(), $"mltab-scoring-{Guid.NewGuid():N}.zip");
        context.Model.Save(model, train.Schema, _path);
        model.LastTransformer.Dispose();
        var fresh = new MLContext().RegisterTabularExtensions();
        _builtIn = fresh.Model.Load(_path, out _);
        _batched = fresh.Model.LoadWithBatchedScoring(_path, out _);
        _valid = fresh.Data.LoadFromEnumerable(validRows);
        _builtInEngine = fresh.Model.CreatePredictionEngine<LessonRow, Prediction>(_builtIn);
        _batchedEngine = fresh.Model.CreatePredictionEngine<LessonRow, Prediction>(_batched);
        _rows = validRows[..1_000];
    }

    [Benchmark(Description = "Score 40,282 rows, Model.Load")]
    public double ScoreBuiltIn() => _builtIn.Transform(_valid).GetColumn<float>("Score").Sum(s => (double)s);

    [Benchmark(Description = "Score 40,282 rows, LoadWithBatchedScoring")]
    public double ScoreBatched() => _batched.Transform(_valid).GetColumn<float>("Score").Sum(s => (double)s);

    [Benchmark(Description = "PredictionEngine one row, Model.Load")]
    public float PredictBuiltIn() => _builtInEngine.Predict(NextRow()).Score;

    [Benchmark(Description = "PredictionEngine one row, LoadWithBatchedScoring")]
    public float PredictBatched() => _batchedEngine.Predict(NextRow()).Score;

    private LessonRow NextRow() => _rows[_next++ % _rows.Length];

    [GlobalCleanup]
    public void Cleanup()
    {
        _builtInEngine.Dispose();
        _batchedEngine.Dispose();
        (_builtIn as IDisposable)?.Dispose();
        (_batched as IDisposable)?.Dispose();
        File.Delete(_path);
    }
}
