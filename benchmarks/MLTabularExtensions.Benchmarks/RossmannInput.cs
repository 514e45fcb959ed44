using Microsoft.ML;
using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Benchmarks;

/// <summary>Kaggle's train.csv ⋈ store.csv, loaded once per process and cached in memory column by column.</summary>
internal static class RossmannInput
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("MLTAB_ROSSMANN")
        ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "rossmann"));

    public static List<RossmannRow> LoadRows(MLContext context)
    {
        if (!Directory.Exists(Folder))
            throw new DirectoryNotFoundException($"Rossmann data not found at '{Folder}'; set MLTAB_ROSSMANN to a folder with train.csv[.gz] and store.csv.");
        return RossmannFiles.LoadTrainJoinedWithStore(context, Folder);
    }

    /// <summary>The joined rows with date parts applied, materialised in ML.NET's in-memory cache.</summary>
    public static IDataView WithDateParts(MLContext context, List<RossmannRow> rows)
    {
        var raw = context.Data.LoadFromEnumerable(rows);
        var cached = context.Data.Cache(context.Transforms.AddDateParts(nameof(RossmannRow.Date)).Fit(raw).Transform(raw));
        DataDrain.Run(cached);
        return cached;
    }
}
