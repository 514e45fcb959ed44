using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// fastai's TabularModel: one embedding per categorical column (all in one <see cref="FusedEmbedding"/>), embedding
/// dropout, BatchNorm on the continuous inputs, then Linear → ReLU → BatchNorm → Dropout blocks, an output Linear and an
/// optional scaled sigmoid.
/// </summary>
internal sealed class TabularModule : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly FusedEmbedding? _embeddings;
    private readonly SeededDropout? _embeddingDropout;
    private readonly BatchNorm1d? _continuousNorm;
    private readonly ModuleList<Linear> _linears = new();
    private readonly ModuleList<BatchNorm1d> _norms = new();
    private readonly ModuleList<SeededDropout> _dropouts = new();
    // Held for the module's life rather than converted on every call (see FlatAdamW on TorchSharp's Scalars).
    private readonly (Scalar Low, Scalar Span)? _yRange;

    /// <param name="shape">The network's layout.</param>
    /// <param name="random">The trainer's generator: initial weights and dropout draw from it.</param>
    public TabularModule(TabularShape shape, Generator random) : base("TabularModel")
    {
        Shape = shape;
        if (shape.Embeddings.Count > 0) _embeddings = new FusedEmbedding(shape.Embeddings, random);
        if (shape.EmbeddingDropout > 0) _embeddingDropout = new SeededDropout(shape.EmbeddingDropout, random);
        if (shape.UseBatchNorm && shape.ContinuousWidth > 0) _continuousNorm = nn.BatchNorm1d(shape.ContinuousWidth);
        var width = shape.Embeddings.Sum(e => e.Width) + shape.ContinuousWidth;
        for (var i = 0; i < shape.Layers.Count; i++)
        {
            // As fastai's LinBnDrop: a Linear followed by BatchNorm has no bias (BatchNorm's shift replaces it).
            _linears.Add(nn.Linear(width, shape.Layers[i], hasBias: !shape.UseBatchNorm));
            if (shape.UseBatchNorm) _norms.Add(nn.BatchNorm1d(shape.Layers[i]));
            // An identity dropout keeps the block's modules aligned by index.
            _dropouts.Add(new SeededDropout(shape.Dropouts[i], random));
            width = shape.Layers[i];
        }
        _linears.Add(nn.Linear(width, shape.Outputs));
        if (shape.YRange is var (low, high)) _yRange = (low.ToScalar(), (high - low).ToScalar());
        RegisterComponents();
        SeededInitialisation.Apply(this, random);
    }

    public TabularShape Shape { get; }

    public FusedEmbedding? Embeddings => _embeddings;

    public BatchNorm1d? ContinuousNorm => _continuousNorm;

    /// <summary>Hidden layers, then the output layer.</summary>
    public IReadOnlyList<Linear> Linears => [.. _linears];

    public IReadOnlyList<BatchNorm1d> Norms => [.. _norms];

    /// <summary>The layer's product in bfloat16 from float32 master weights; autograd casts the gradients back.</summary>
    private static Tensor InBFloat16(Linear layer, Tensor x)
    {
        using var scope = NewDisposeScope();
        return nn.functional.linear(x.to(bfloat16), layer.weight!.to(bfloat16), layer.bias?.to(bfloat16)).to(float32).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor categorical, Tensor continuous)
    {
        var parts = new List<Tensor>(2);
        if (_embeddings is not null)
        {
            var embedded = _embeddings.forward(categorical);
            parts.Add(_embeddingDropout is null ? embedded : _embeddingDropout.forward(embedded));
        }
        if (Shape.ContinuousWidth > 0) parts.Add(_continuousNorm is null ? continuous : _continuousNorm.forward(continuous));
        var x = parts.Count == 1 ? parts[0] : cat(parts, 1);
        for (var i = 0; i < Shape.Layers.Count; i++)
        {
            x = nn.functional.relu(Shape.BFloat16Linears ? InBFloat16(_linears[i], x) : _linears[i].forward(x));
            if (Shape.UseBatchNorm) x = _norms[i].forward(x);
            if (Shape.Dropouts[i] > 0) x = _dropouts[i].forward(x);
        }
        x = _linears[^1].forward(x);
        if (_yRange is var (low, span)) x = sigmoid(x).mul(span).add(low);
        return x;
    }
}
