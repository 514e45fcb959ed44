using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Tests;

/// <summary>Small helpers for building and reading data views in tests.</summary>
internal static class TestData
{
    public static MLContext Context() => new(seed: 1);

    public static IDataView View<T>(this MLContext context, params T[] rows) where T : class =>
        context.Data.LoadFromEnumerable(rows);

    public static T[] Column<T>(this IDataView data, string name) => [.. data.GetColumn<T>(data.Schema[name])];

    /// <summary>ML.NET keeps <c>SchemaShape.Create</c> internal; estimators' <c>GetOutputSchema</c> needs one.</summary>
    public static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic,
            [typeof(DataViewSchema)])!.Invoke(null, [schema])!;

    /// <summary>The shared real-data folder, or an ignored test with the reason when it is absent.</summary>
    public static string SharedData(string subfolder)
    {
        var root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "..", "shared", "data"));
        var folder = Path.Combine(root, subfolder);
        if (!Directory.Exists(folder)) Assert.Ignore($"Real data folder '{folder}' is absent (it is present in CI).");
        return folder;
    }
}
