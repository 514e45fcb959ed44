using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using MLTabularExtensions.Schema;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// A graph in ONNX Runtime with the columns its inputs are read from and its outputs written to. One scorer serves every
/// cursor and row of the transformer that owns it (ONNX Runtime's Run is safe to call from several threads).
/// </summary>
internal sealed class OnnxGraph : IDisposable
{
    // One batch's buffers stay under this many values (64 MB of floats), whatever the batch size asked for.
    private const long MaxBatchValues = 16L << 20;

    // Two scorers of the same graph, each made when first needed. ONNX Runtime's threads spin after a call by default:
    // that halves a single row's wait for them (a PredictionEngine call: 79 against 96-104 µs on the Rossmann network),
    // but between batches they take the cores from the cursor reading the next batch (40,282 rows: 310 against 223-238 ms).
    private readonly Lazy<InferenceSession> _batches;
    private readonly Lazy<InferenceSession> _rows;
    private readonly RunOptions _run = new();
    private readonly int _batchSize;

    // Scores in flight, and whether Dispose came. ML.NET's PredictionEngine disposes the model it was made from when
    // the engine is disposed (unless made with PredictionEngineOptions.OwnsTransformer = false), so one thread's engine
    // can dispose the graph while other threads' engines still score with it. The scorers are released when the last
    // call returns; a call after Dispose throws, where it would otherwise run in freed native memory and crash the process.
    private readonly Lock _gate = new();
    private int _inFlight;
    private bool _disposed;

    public OnnxGraph(byte[] graph, BatchedScoringOptions options)
    {
        var threads = options.Threads ?? Environment.ProcessorCount;
        _batches = new(() => Scorer(graph, threads, spin: false), LazyThreadSafetyMode.ExecutionAndPublication);
        _rows = new(() => Scorer(graph, threads, spin: true), LazyThreadSafetyMode.ExecutionAndPublication);
        _batchSize = options.BatchSize;
    }

    private static InferenceSession Scorer(byte[] graph, int threads, bool spin)
    {
        using var settings = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        settings.AddSessionConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
        return new InferenceSession(graph, settings);
    }

    /// <summary>
    /// The graph with its inputs read from the columns of the same names in <paramref name="input"/> and its outputs the
    /// columns that <paramref name="output"/> adds to <paramref name="input"/>'s; null when a value cannot be batched
    /// (then the built-in transformer scores).
    /// </summary>
    public OnnxBinding? TryBind(DataViewSchema input, DataViewSchema output) => InFlight(() => Bind(input, output));

    private OnnxBinding? Bind(DataViewSchema input, DataViewSchema output)
    {
        var scorer = _batches.Value;
        var inputs = scorer.InputMetadata.Select(m => input.GetColumnOrNull(m.Key) is { } column ? OnnxColumn.Match(m.Key, m.Value, column) : null).ToArray();
        if (PassedThrough.InputIndexes(input, output) is not { } inputIndexes) return null;
        var outputs = output.Where(c => inputIndexes[c.Index] < 0)
            .Select(c => scorer.OutputMetadata.TryGetValue(c.Name, out var m) ? OnnxColumn.Match(c.Name, m, c) : null).ToArray();
        if (inputs.Length == 0 || inputs.Concat(outputs).Any(c => c is null || !ColumnBuffer.Handles(c.ElementType))) return null;
        var width = inputs.Concat(outputs).Sum(c => (long)c!.Width);
        var rows = (int)Math.Clamp(MaxBatchValues / Math.Max(1, width), 1, _batchSize);
        return new OnnxBinding(this, input, output, inputIndexes, inputs!, outputs!, rows);
    }

    /// <summary>
    /// Scores the first <paramref name="rows"/> rows of <paramref name="inputs"/> into <paramref name="outputs"/> (the
    /// buffers of <paramref name="binding"/>'s inputs and outputs, in its order), with the
    /// scorer for one row at a time (a PredictionEngine's) when <paramref name="single"/>.
    /// </summary>
    public void Score(OnnxBinding binding, ColumnBuffer[] inputs, ColumnBuffer[] outputs, int rows, bool single) => InFlight(() =>
    {
        var tensors = new OrtValue[inputs.Length];
        for (var i = 0; i < inputs.Length; i++) tensors[i] = inputs[i].Tensor(rows);
        using var results = (single ? _rows : _batches).Value.Run(_run, binding.InputNames, tensors, binding.OutputNames);
        for (var i = 0; i < outputs.Length; i++) outputs[i].CopyFrom(results[i], rows);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> on the scorers, which Dispose does not release until it returns.</summary>
    private T InFlight<T>(Func<T> work)
    {
        lock (_gate)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(BatchedOnnxTransformer), "The model was disposed. A PredictionEngine disposes the model it " +
                    "was made from when the engine is disposed; engines that share one model need new PredictionEngineOptions { OwnsTransformer = false }.");
            _inFlight++;
        }
        try
        {
            return work();
        }
        finally
        {
            lock (_gate)
            {
                if (--_inFlight == 0 && _disposed) Release();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_inFlight == 0) Release();
        }
    }

    private void Release()
    {
        if (_batches.IsValueCreated) _batches.Value.Dispose();
        if (_rows.IsValueCreated) _rows.Value.Dispose();
        _run.Dispose();
    }
}
