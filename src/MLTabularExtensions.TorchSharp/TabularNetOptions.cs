namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// Options of the TabularNet trainers: fastai's <c>tabular_learner</c> and <c>fit_one_cycle</c>, with fastai's defaults
/// unless noted.
/// </summary>
public sealed class TabularNetOptions : OneCycleOptions
{
    /// <summary>The label: Single for regression, Boolean for binary classification, a key for multiclass. Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>
    /// Key-typed columns (e.g. from <c>Categorify</c> or <c>TabularPreprocess</c>), each with its own embedding. Key 0
    /// (missing/unseen) uses embedding row 0. When neither this nor <see cref="ContinuousColumns"/> names a column, the
    /// trainer takes every visible key column of its input as categorical and every visible scalar Single or Double
    /// column as continuous, the label excepted — what <c>TabularPreprocess</c> leaves; name them when the data holds
    /// other numeric columns.
    /// </summary>
    public IReadOnlyList<string> CategoricalColumns { get; set; } = [];

    /// <summary>Scalar Single (or Double) columns, normalized (e.g. by <c>TabularPreprocess</c>), fed through BatchNorm. See <see cref="CategoricalColumns"/> for the default.</summary>
    public IReadOnlyList<string> ContinuousColumns { get; set; } = [];

    /// <summary>Sizes of the hidden layers. Default [1000, 500] (the Rossmann lesson; fastai's own default is [200, 100]).</summary>
    public IReadOnlyList<int> Layers { get; set; } = [1000, 500];

    /// <summary>
    /// Dropout after each hidden layer (fastai <c>ps</c>); null or shorter than <see cref="Layers"/>: 0 for the rest.
    /// More values than layers are refused (fastai ignores the extra ones).
    /// </summary>
    public IReadOnlyList<double>? Dropouts { get; set; }

    /// <summary>Dropout on the concatenated embeddings (fastai <c>embed_p</c>). Default 0.</summary>
    public double EmbeddingDropout { get; set; }

    /// <summary>Embedding width per categorical column; columns not listed use fastai's rule min(600, round(1.6 · n^0.56)), n counting the missing slot.</summary>
    public IReadOnlyDictionary<string, int>? EmbeddingSizes { get; set; }

    /// <summary>
    /// The most trainable parameters Fit accepts; it estimates them (and the memory they take to train, 16 bytes
    /// each) before building anything, and refuses a larger network with the estimate, the largest embedding and what
    /// to change. Default 100 million (about 1.6 GB to train): a categorical with a million levels would otherwise get a
    /// 600-wide table of 600 million parameters. Raise it deliberately for larger networks.
    /// </summary>
    public long MaxParameters { get; set; } = 100_000_000;

    /// <summary>BatchNorm on the continuous inputs and after each hidden layer (fastai <c>use_bn</c>). Default true.</summary>
    public bool UseBatchNorm { get; set; } = true;

    /// <summary>
    /// Compute the hidden layers' matrix products in bfloat16 (weights, gradients, optimiser state and everything else
    /// stay float32): faster on CPUs with AVX-512 BF16 or AMX and on GPUs. The exported ONNX model scores in float32, so
    /// its scores differ from the training loop's by bfloat16 rounding (about 3 significant digits). It can cost
    /// accuracy, most on short schedules: compare the validation metric with and without it. Default false.
    /// </summary>
    public bool BFloat16Linears { get; set; }

    /// <summary>Squash the output into (min, max) with a scaled sigmoid, in the units the network is trained in (log units with <see cref="LogTarget"/>). Regression only.</summary>
    public (float Min, float Max)? YRange { get; set; }

    /// <summary>Train on ln(label) and predict exp(output): for positive, skewed targets such as sales. Regression only; every label must be &gt; 0.</summary>
    public bool LogTarget { get; set; }

    /// <summary>Passes over the training data. Default 5.</summary>
    public override int Epochs { get; set; } = 5;

    /// <summary>Rows per batch. Default 64 (fastai); the Rossmann lesson uses 512. The last incomplete batch of an epoch is dropped, as fastai does.</summary>
    public override int BatchSize { get; set; } = 64;

    /// <summary>Peak learning rate of the one-cycle schedule. Default 1e-3 (fastai <c>lr_max</c>).</summary>
    public override double MaxLearningRate { get; set; } = 1e-3;

    /// <summary>A copy whose lists are the trainer's own: changing these options later changes nothing it holds.</summary>
    internal TabularNetOptions Copy()
    {
        var copy = (TabularNetOptions)MemberwiseClone();
        copy.CategoricalColumns = [.. CategoricalColumns];
        copy.ContinuousColumns = [.. ContinuousColumns];
        copy.Layers = [.. Layers];
        copy.Dropouts = Dropouts is null ? null : [.. Dropouts];
        copy.EmbeddingSizes = EmbeddingSizes is null ? null : new Dictionary<string, int>(EmbeddingSizes);
        return copy;
    }
}
