using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.ML;

namespace MLTabularExtensions.Lessons;

/// <summary>Tables as HTML, for notebooks: the first rows of a data view, or a list of records.</summary>
public static class HtmlTable
{
    /// <summary>An HTML table of the data view's first <paramref name="rows"/> rows (key columns show key numbers: 0 = missing or unseen).</summary>
    /// <param name="data">The data.</param>
    /// <param name="caption">A line above the table.</param>
    /// <param name="rows">How many rows to show.</param>
    /// <param name="columns">The columns to show, in order; none: every visible column.</param>
    public static string Of(IDataView data, string caption, int rows = 8, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var preview = data.Preview(rows);
        var names = columns.Length > 0 ? columns : [.. preview.Schema.Where(c => !c.IsHidden).Select(c => c.Name)];
        // A preview lists hidden columns too; the last column of a name is the visible one.
        var values = preview.RowView.Select(row => row.Values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Last().Value));
        return Table(caption, names, values.Select(row => names.Select(name => row[name])));
    }

    /// <summary>An HTML table of records: one row each, one column per public property.</summary>
    /// <param name="records">The records (anonymous objects work).</param>
    /// <param name="caption">A line above the table.</param>
    public static string Of<T>(IEnumerable<T> records, string caption)
    {
        ArgumentNullException.ThrowIfNull(records);
        var properties = typeof(T).GetProperties();
        return Table(caption, [.. properties.Select(p => p.Name)], records.Select(r => properties.Select(p => p.GetValue(r))));
    }

    private static string Table(string caption, IReadOnlyList<string> names, IEnumerable<IEnumerable<object?>> rows)
    {
        var html = new StringBuilder($"<p><b>{WebUtility.HtmlEncode(caption)}</b></p><table><tr>");
        foreach (var name in names) html.Append($"<th>{WebUtility.HtmlEncode(name)}</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var value in row) html.Append($"<td>{WebUtility.HtmlEncode(Cell(value))}</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string Cell(object? value) => value switch
    {
        float f => f.ToString("G5", CultureInfo.InvariantCulture),
        double d => d.ToString("G8", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
