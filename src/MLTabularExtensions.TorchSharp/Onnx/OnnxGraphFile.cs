using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>
/// A trained network's ONNX graph as the file ML.NET's <c>OnnxTransformer</c> scores from, in a folder of this process
/// under the temp path. ML.NET's stream overload of <c>ApplyOnnxModel</c> copies the graph to a temporary file that
/// stays on disk even after the transformer is disposed (measured with ML.NET 5.0.1), so the transformers write the
/// file themselves: it is deleted when they are disposed, and the files of transformers still alive when the process
/// exits are deleted then (.NET runs no finalizers at exit). The folder goes with its last file, so a process killed
/// before its exit handlers run (as test hosts are) leaves nothing when it had disposed its transformers.
/// </summary>
internal sealed class OnnxGraphFile : IDisposable
{
    // Creating the folder and writing into it must not interleave with removing it when it looks empty.
    private static readonly Lock FolderLock = new();

    static OnnxGraphFile() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder();

    public OnnxGraphFile(byte[] graph)
    {
        Path = System.IO.Path.Combine(Folder, $"{Guid.NewGuid():N}.onnx");
        lock (FolderLock)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(Path, graph);
        }
    }

    /// <summary>This process's folder of graph files.</summary>
    public static string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mltab-onnx-{Environment.ProcessId}");

    public string Path { get; }

    /// <summary>ML.NET's ONNX scoring step for this graph, on the CPU.</summary>
    public OnnxScoringEstimator Scorer(MLContext context, string[] outputs, string[] inputs) =>
        context.Transforms.ApplyOnnxModel(outputs, inputs, Path, gpuDeviceId: null, fallbackToCpu: false);

    /// <summary>Fits <paramref name="chain"/>, which scores from this file, on <paramref name="data"/>; deletes the file if that fails.</summary>
    public ITransformer Fit(IEstimator<ITransformer> chain, IDataView data)
    {
        try
        {
            return chain.Fit(data);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Deletes the file, and the folder when it was the last; call it after disposing the transformer that reads it.</summary>
    public void Dispose()
    {
        lock (FolderLock)
        {
            // The folder is gone when DeleteFolder ran first (exit handlers in any order), and File.Delete would throw.
            if (File.Exists(Path)) File.Delete(Path);
            if (Directory.Exists(Folder) && !Directory.EnumerateFileSystemEntries(Folder).Any()) Directory.Delete(Folder);
        }
    }

    /// <summary>Deletes every graph file of this process (at exit).</summary>
    internal static void DeleteFolder()
    {
        try
        {
            lock (FolderLock) Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Windows refuses to delete a file that a live ONNX Runtime scorer still holds open; nothing more can be done at exit.
        }
    }
}
