using System.Globalization;
using System.Reflection;
using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Cli;

/// <summary>Writes lesson rows as CSV (header = property names; NaN as an empty field) for <c>mltab predict</c>.</summary>
internal static class LessonCsv
{
    public static void Write(string path, IEnumerable<LessonRow> rows)
    {
        var properties = typeof(LessonRow).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        using var file = new StreamWriter(path);
        using var writer = CsvOut.To(file);
        writer.Header.Add([.. properties.Select(p => p.Name)]);
        foreach (var row in rows)
        {
            using var line = writer.NewRow();
            for (var i = 0; i < properties.Length; i++) line[i].Set(Field(properties[i].GetValue(row)));
        }
    }

    private static string Field(object? value) => value switch
    {
        float f when float.IsNaN(f) => "",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
