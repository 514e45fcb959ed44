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

    /// <summary>Every value of every visible output column, as text with the float's exact bits.</summary>
    public static List<string> VisibleCells(this IDataView data)
    {
        var cells = new List<string>();
        foreach (var column in data.Schema.Where(c => !c.IsHidden))
        {
            IEnumerable<string> values = column.Type switch
            {
                KeyDataViewType => data.Column<uint>(column.Name).Select(v => v.ToString()),
                var t when t == NumberDataViewType.Single => data.Column<float>(column.Name).Select(v => BitConverter.SingleToInt32Bits(v).ToString("x")),
                var t when t == NumberDataViewType.Double => data.Column<double>(column.Name).Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x")),
                var t when t == NumberDataViewType.Int64 => data.Column<long>(column.Name).Select(v => v.ToString()),
                var t when t == BooleanDataViewType.Instance => data.Column<bool>(column.Name).Select(v => v.ToString()),
                var t when t == DateTimeDataViewType.Instance => data.Column<DateTime>(column.Name).Select(v => v.ToString("O")),
                var t when t == NumberDataViewType.Int32 => data.Column<int>(column.Name).Select(v => v.ToString()),
                _ => data.Column<ReadOnlyMemory<char>>(column.Name).Select(v => v.ToString()),
            };
            cells.AddRange(values.Select(v => $"{column.Name}={v}"));
        }
        return cells;
    }

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
