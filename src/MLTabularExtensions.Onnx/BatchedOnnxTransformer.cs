using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// Stands in for a loaded <c>OnnxTransformer</c> and gives the same columns, scored by ONNX Runtime a batch of rows per
/// call (ML.NET's transformer calls it once per row). It saves as the transformer it replaces, so a model saved again
/// still loads with ML.NET's built-ins alone. Dispose it to release ONNX Runtime's scorers.
/// </summary>
public sealed class BatchedOnnxTransformer : ITransformer, ICanSaveModel, IDisposable
{
    private readonly ITransformer _builtIn;
    private readonly OnnxGraph _graph;
    private int _disposed;

    internal BatchedOnnxTransformer(ITransformer builtIn, OnnxGraph graph)
    {
        _builtIn = builtIn;
        _graph = graph;
    }

    /// <summary>The built-in transformer this one scores for: what is saved, and what scores inputs it cannot batch.</summary>
    public ITransformer BuiltIn => _builtIn;

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _builtIn.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        Bind(inputSchema) is { } binding ? new BatchedOnnxRowMapper(binding) : _builtIn.GetRowToRowMapper(inputSchema);

    /// <summary>Scores lazily: a cursor scores its rows a batch at a time as it reaches them.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Bind(input.Schema) is { } binding ? new BatchedOnnxDataView(input, binding) : _builtIn.Transform(input);
    }

    /// <summary>
    /// Releases ONNX Runtime's scorers, this one's and the built-in transformer's; once, whichever thread calls first
    /// (engines that own the model all dispose it, and ML.NET's ONNX transformer frees its scorer twice if asked twice).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _graph.Dispose();
        (_builtIn as IDisposable)?.Dispose();
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_builtIn).Save(ctx);

    internal OnnxBinding? Bind(DataViewSchema inputSchema) => _graph.TryBind(inputSchema, _builtIn.GetOutputSchema(inputSchema));
}
