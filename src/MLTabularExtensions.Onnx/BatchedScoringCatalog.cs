using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace MLTabularExtensions.Onnx;

/// <summary>Loads saved models with their ONNX steps scored in batches.</summary>
public static class BatchedScoringCatalog
{
    /// <summary>
    /// Loads a model zip as <c>Model.Load</c> does, then puts a <see cref="BatchedOnnxTransformer"/> in place of each
    /// <c>OnnxTransformer</c> whose graph takes a batch dimension and the columns of its input names: the same output
    /// columns and scores, with ONNX Runtime called once per batch of rows. Steps that cannot be batched stay as
    /// loaded. Register this library first (<c>mlContext.RegisterTabularExtensions()</c>), as for <c>Load</c>.
    /// </summary>
    /// <param name="catalog">The context's model operations.</param>
    /// <param name="path">The zip written by <c>mlContext.Model.Save</c>.</param>
    /// <param name="inputSchema">The schema of the data the model was saved with.</param>
    /// <param name="options">Batch size and threads; the defaults when null.</param>
    public static ITransformer LoadWithBatchedScoring(this ModelOperationsCatalog catalog, string path, out DataViewSchema inputSchema,
        BatchedScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        return catalog.LoadWithBatchedScoring(file, out inputSchema, options);
    }

    /// <inheritdoc cref="LoadWithBatchedScoring(ModelOperationsCatalog, string, out DataViewSchema, BatchedScoringOptions?)"/>
    /// <param name="catalog">The context's model operations.</param>
    /// <param name="stream">The zip written by <c>mlContext.Model.Save</c>; read to its end, not closed.</param>
    /// <param name="inputSchema">The schema of the data the model was saved with.</param>
    /// <param name="options">Batch size and threads; the defaults when null.</param>
    public static ITransformer LoadWithBatchedScoring(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema,
        BatchedScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new BatchedScoringOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be at least 1.");
        if (options.Threads is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threads, "Threads must be at least 1 when set.");
        // The zip is read twice (ML.NET's loader, then the graphs' bytes), so it must be seekable.
        var zip = stream.CanSeek ? stream : Buffered(stream);
        var start = zip.Position;
        var model = catalog.Load(zip, out inputSchema);
        zip.Position = start;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        // Model.Save writes the model, chain or single transformer, in the folder TransformerChain.
        return Replace(model, "TransformerChain", inputSchema, archive, options);
    }

    private static MemoryStream Buffered(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    // A chain saves step i in the folder Transform_iii of its own; an OnnxTransformer saves its graph as OnnxModel there.
    private static ITransformer Replace(ITransformer step, string folder, DataViewSchema input, ZipArchive archive, BatchedScoringOptions options)
    {
        if (step is OnnxTransformer onnx) return Batched(onnx, folder, input, archive, options);
        if (!step.GetType().IsGenericType || step.GetType().GetGenericTypeDefinition() != typeof(TransformerChain<>)) return step;
        var steps = new List<ITransformer>();
        var schema = input;
        foreach (var inner in (IEnumerable<ITransformer>)step)
        {
            steps.Add(Replace(inner, $"{folder}/Transform_{steps.Count:D3}", schema, archive, options));
            schema = inner.GetOutputSchema(schema);
        }
        return steps.SequenceEqual((IEnumerable<ITransformer>)step) ? step : new TransformerChain<ITransformer>([.. steps]);
    }

    private static ITransformer Batched(OnnxTransformer onnx, string folder, DataViewSchema input, ZipArchive archive, BatchedScoringOptions options)
    {
        if (archive.GetEntry($"{folder}/OnnxModel") is not { } entry) return onnx;
        byte[] graphBytes;
        using (var reader = new BinaryReader(entry.Open()))
        {
            // ML.NET writes the graph as a byte array: its length (int32), then the bytes.
            var length = reader.ReadInt32();
            graphBytes = reader.ReadBytes(length);
            if (graphBytes.Length != length) throw new InvalidDataException($"The model's '{entry.FullName}' ends after {graphBytes.Length:N0} of its {length:N0} bytes.");
        }
        var graph = new OnnxGraph(graphBytes, options);
        var batched = new BatchedOnnxTransformer(onnx, graph);
        if (batched.Bind(input) is not null) return batched;
        graph.Dispose();
        return onnx;
    }
}
