using System.IO.Compression;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>One CSV file for ML.NET's TextLoader, transparently gunzipped when it ends in ".gz".</summary>
internal sealed class CsvSource(string path) : IMultiStreamSource
{
    /// <summary>The first of <c>name</c> or <c>name.gz</c> that exists in <paramref name="folder"/>.</summary>
    public static CsvSource Find(string folder, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return new CsvSource(path);
        }
        throw new FileNotFoundException($"Neither {name} nor {name}.gz was found in '{folder}'.", Path.Combine(folder, name));
    }

    public int Count => 1;

    public string GetPathOrNull(int index) => path;

    public Stream Open(int index)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    public TextReader OpenTextReader(int index) => new StreamReader(Open(index));
}
