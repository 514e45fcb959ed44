using Microsoft.ML;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// A trained network scored by a chain of ML.NET built-ins around <c>OnnxTransformer</c>, which reads the graph from a
/// temporary file this transformer owns. Dispose it to release ONNX Runtime's hold on that file and delete it; the files
/// of transformers still alive at process exit are deleted then.
/// </summary>
public abstract class OnnxScoredTransformer : BuiltInChainTransformer, IDisposable
{
    private readonly OnnxGraphFile _graphFile;

    private protected OnnxScoredTransformer(ITransformer inner, OnnxGraphFile graphFile) : base(inner) => _graphFile = graphFile;

    /// <summary>Releases ONNX Runtime's scorer and deletes the graph file it scores from.</summary>
    public void Dispose()
    {
        (Inner as IDisposable)?.Dispose();
        _graphFile.Dispose();
        GC.SuppressFinalize(this);
    }
}
