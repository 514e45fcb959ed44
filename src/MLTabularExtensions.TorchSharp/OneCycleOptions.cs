namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// What every trainer here shares: fastai's <c>fit_one_cycle</c> with AdamW (schedule, weight decay), seed, device,
/// threads, validation data and progress. Each trainer's options set their own epochs, batch size and peak rate.
/// </summary>
public abstract class OneCycleOptions
{
    /// <summary>Passes over the training data.</summary>
    public abstract int Epochs { get; set; }

    /// <summary>Rows per batch. The last incomplete batch of an epoch is dropped, as fastai does.</summary>
    public abstract int BatchSize { get; set; }

    /// <summary>Peak learning rate of the one-cycle schedule (fastai <c>lr_max</c>).</summary>
    public abstract double MaxLearningRate { get; set; }

    /// <summary>Share of steps spent warming up (fastai <c>pct_start</c>). Default 0.3.</summary>
    public double WarmupFraction { get; set; } = 0.3;

    /// <summary>The schedule starts at MaxLearningRate / this (fastai <c>div</c>). Default 25.</summary>
    public double InitialDivisor { get; set; } = 25;

    /// <summary>The schedule ends at MaxLearningRate / this (fastai <c>div_final</c>). Default 1e4.</summary>
    public double FinalDivisor { get; set; } = 1e4;

    /// <summary>Adam β1 at the start and end of the cycle; it falls to <see cref="MinMomentum"/> at the peak learning rate. Default 0.95.</summary>
    public double MaxMomentum { get; set; } = 0.95;

    /// <summary>Adam β1 at the peak learning rate. Default 0.85.</summary>
    public double MinMomentum { get; set; } = 0.85;

    /// <summary>Decoupled weight decay (AdamW), not applied to biases and BatchNorm parameters (fastai's <c>wd_bn_bias=False</c>). Default 0.01.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>
    /// Seeds weight initialisation, shuffling and dropout: same seed, data and device give the same model (bit for bit on
    /// CPU). Null (the default) takes the seed of the MLContext that made the trainer, when it was given one, else 42.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The seed training uses: <see cref="Seed"/>, which the trainer fills in from its MLContext when null.</summary>
    internal int ResolvedSeed => Seed ?? DefaultSeed;

    internal const int DefaultSeed = 42;

    /// <summary>
    /// Where to train. Null (the default) follows the MLContext, as ML.NET's own TorchSharp trainers do: its
    /// <c>GpuDeviceId</c> when set (falling back to the CPU when no GPU is usable only if <c>FallbackToCpu</c>), else the CPU.
    /// </summary>
    public ComputeDevice? Device { get; set; }

    /// <summary>libtorch intra-op threads; null keeps libtorch's choice.</summary>
    public int? Threads { get; set; }

    /// <summary>Data (with the same columns) scored after every epoch for <see cref="EpochReport.ValidLoss"/> and <see cref="EpochReport.ValidMetric"/>.</summary>
    public Microsoft.ML.IDataView? ValidationData { get; set; }

    /// <summary>Receives one report per epoch.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Receives the running state of the current epoch about every 1 % of its batches, e.g. for a progress bar.</summary>
    public IProgress<BatchReport>? BatchProgress { get; set; }

    /// <summary>
    /// Stops training within one batch: Fit (and the learning-rate finder) then throws <see cref="OperationCanceledException"/>
    /// and returns no model. <c>MLContext.CancelExecution()</c> on the context whose catalog made the trainer does the same.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }
}
