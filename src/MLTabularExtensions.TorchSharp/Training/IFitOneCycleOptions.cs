namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>The options every trainer here shares: fastai's <c>fit_one_cycle</c> with AdamW, seed, device and threads.</summary>
internal interface IFitOneCycleOptions
{
    int Epochs { get; }
    int BatchSize { get; }
    double MaxLearningRate { get; }
    double WarmupFraction { get; }
    double InitialDivisor { get; }
    double FinalDivisor { get; }
    double MaxMomentum { get; }
    double MinMomentum { get; }
    double WeightDecay { get; }
    int Seed { get; }
    string Device { get; }
    int? Threads { get; }
}
