namespace MLTabularExtensions.Tests;

/// <summary>A new, empty folder in the test's work directory, deleted with everything in it on Dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    private ScratchFolder(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Creates a folder named <paramref name="prefix"/> and a unique suffix.</summary>
    public static ScratchFolder Create(string prefix)
    {
        var path = System.IO.Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new ScratchFolder(path);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
