using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using MLTabularExtensions.Cli;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// The lesson's training loop on real Rossmann rows: one epoch over the 804,056 training rows at batch 512 (1,570
/// steps) of the lesson's network with its dropouts, AdamW and one-cycle schedule, on 2 libtorch threads.
/// Rows/s = 803,840 / mean. The peak RSS printed at the end is the process's peak while training: the data
/// preparation's memory is collected and the peak counter reset (/proc/self/clear_refs) before the first iteration.
/// Min and Max are shown because on a shared cloud guest the same epoch can take twice as long from one minute to the next.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MinColumn, MaxColumn]
public class TrainingLoopBenchmarks
{
    private TabularTable _table = null!;
    private TabularColumns _columns = null!;
    private TabularShape _shape = null!;
    private TabularNetOptions _options = null!;
    private Device _device = null!;

    /// <summary>The CPU, or CUDA (reports itself unavailable where there is no GPU and CUDA backend).</summary>
    [Params(ComputeDevice.Cpu, ComputeDevice.Cuda)]
    public ComputeDevice Device { get; set; } = ComputeDevice.Cpu;

    /// <summary>Hidden layers' products in bfloat16 (<see cref="TabularNetOptions.BFloat16Linears"/>).</summary>
    [Params(false, true)]
    public bool BFloat16Linears { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _device = TrainingDevice.Resolve(Device, CatalogHost.None, "TabularNet");
        set_num_threads(2);
        var context = new MLContext(seed: 1);
        var rows = RossmannLesson.Build(RossmannSourceFiles.Load(context, RossmannInput.Folder))
            .Where(r => r.Date < RossmannLesson.ValidationStart).ToArray();
        var raw = context.Data.LoadFromEnumerable(rows);
        var fitted = RossmannLesson.Preprocessing(context).Fit(raw);
        var preprocess = fitted.LastTransformer;
        var data = fitted.Transform(raw);
        _options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Layers = [1000, 500],
            Dropouts = [0.001, 0.01],
            EmbeddingDropout = 0.04,
            YRange = (0, 10.7f),
            LogTarget = true,
            Epochs = 1,
            BatchSize = 512,
            MaxLearningRate = 3e-3,
            WeightDecay = 0.2,
            BFloat16Linears = BFloat16Linears,
        };
        _columns = TabularColumns.Resolve(data.Schema, _options, TabularNetTask.Regression, "train");
        _table = TabularTable.Read(data, _columns, true, _device, "train");
        PeakRss.ResetAfterCollecting();
        _shape = TabularShape.For(_columns, _options);
    }

    [Benchmark(Description = "one epoch, 804,056 rows, batch 512 (lesson model)")]
    public void TrainSteps()
    {
        using var model = new TabularNetTraining(_options, _columns, _device, CatalogHost.None).Train(_shape, _table, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _table?.Dispose();
        Console.WriteLine($"// Peak RSS (VmHWM): {PeakRss.Megabytes():F0} MB; libtorch threads: {get_num_threads()}");
    }
}
