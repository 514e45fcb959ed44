using System.Security.Cryptography;
using MLTabularExtensions.Build;

namespace MLTabularExtensions.TorchSharp.Native;

/// <summary>A copy of libLibTorchSharp.so with the GLIBCXX_3.4.32 need made weak, kept in a per-user cache folder.</summary>
internal static class PatchedCopy
{
    /// <summary>
    /// The patched copy of <paramref name="source"/> under <paramref name="cacheRoot"/>, made if absent. The folder is
    /// named by the source's SHA-256, so another TorchSharp version (or a changed file) never reuses a stale copy, and
    /// the copy is written under a unique name and renamed into place, so processes racing here never see half a file.
    /// </summary>
    public static string For(string source, string cacheRoot)
    {
        var folder = Path.Combine(cacheRoot, Hash(source));
        var target = Path.Combine(folder, Path.GetFileName(source));
        if (File.Exists(target) && TorchSharpNative.IsWeak(target)) return target;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(source, temp);
            GlibcxxVersionNeed.Weaken(temp, TorchSharpNative.MissingVersion);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return target;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
