namespace MLTabularExtensions.Lessons;

/// <summary>Finds the real data sets a clone may have beside it (<c>../shared/data</c>, as on the development machines and in CI).</summary>
public static class SharedData
{
    /// <summary>
    /// The folder <c>shared/data/<paramref name="name"/></c> in the current directory or the nearest folder above it
    /// that has one, or null when none does (the lessons then use generated data).
    /// </summary>
    /// <param name="name">The data set's folder, e.g. "rossmann" or "oxford-pets-3breeds".</param>
    public static string? Find(string name)
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
