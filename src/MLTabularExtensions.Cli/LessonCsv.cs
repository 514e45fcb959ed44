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
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", properties.Select(p => p.Name)));
        foreach (var row in rows)
            writer.WriteLine(string.Join(",", properties.Select(p => Field(p.GetValue(row)))));
    }

    private static string Field(object? value) => value switch
    {
        float f when float.IsNaN(f) => "",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s when s.Contains(',', StringComparison.Ordinal) => '"' + s + '"',
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
