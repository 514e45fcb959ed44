using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Schema;

/// <summary>
/// Checks that named columns exist as scalars of allowed types, for both the estimator's <see cref="SchemaShape"/>
/// and the transformer's <see cref="DataViewSchema"/>, with one wording for both.
/// </summary>
internal static class ColumnRequirement
{
    public static void Check(string transform, DataViewSchema schema, IEnumerable<string> columns,
        IReadOnlyCollection<DataViewType> allowed)
    {
        foreach (var name in columns)
        {
            var column = schema.GetColumnOrNull(name);
            if (column is null) throw Missing(transform, name, allowed);
            if (!allowed.Contains(column.Value.Type)) throw WrongType(transform, name, column.Value.Type.ToString() ?? "?", allowed);
        }
    }

    public static void Check(string transform, SchemaShape shape, IEnumerable<string> columns,
        IReadOnlyCollection<DataViewType> allowed)
    {
        foreach (var name in columns)
        {
            if (!TryFind(shape, name, out var column)) throw Missing(transform, name, allowed);
            var fits = column.Kind == SchemaShape.Column.VectorKind.Scalar && !column.IsKey
                && allowed.Contains(column.ItemType);
            if (!fits)
            {
                var found = column.Kind == SchemaShape.Column.VectorKind.Scalar
                    ? $"{column.ItemType}"
                    : $"a vector of {column.ItemType}";
                throw WrongType(transform, name, column.IsKey ? "a key" : found, allowed);
            }
        }
    }

    /// <summary>SchemaShape's own look-up is internal; its columns are enumerable.</summary>
    public static bool TryFind(SchemaShape shape, string name, out SchemaShape.Column column)
    {
        foreach (var candidate in shape)
        {
            if (candidate.Name != name) continue;
            column = candidate;
            return true;
        }
        column = default;
        return false;
    }

    /// <summary>Throws, naming the first option whose list is null: a transform given no columns of a kind gets an empty list.</summary>
    public static void CheckListsGiven(string transform, params ReadOnlySpan<(string Option, object? List)> lists)
    {
        foreach (var (option, list) in lists)
        {
            if (list is null) throw new ArgumentNullException(option, $"{transform}: {option} is null; give an empty list for none.");
        }
    }

    public static void CheckNamesGiven(string transform, IReadOnlyCollection<string> columns)
    {
        if (columns.Count == 0) throw new ArgumentException($"{transform}: no column names were given.", nameof(columns));
        var blank = columns.FirstOrDefault(string.IsNullOrWhiteSpace);
        if (blank is not null || columns.Any(c => c is null))
            throw new ArgumentException($"{transform}: a column name is null or blank.", nameof(columns));
        var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"{transform}: column '{duplicate.Key}' is listed more than once.", nameof(columns));
    }

    private static ArgumentOutOfRangeException Missing(string transform, string name, IEnumerable<DataViewType> allowed) =>
        new("inputSchema",
            $"{transform}: input column '{name}' was not found; expected a scalar column of type {ColumnKinds.Describe(allowed)}.");

    private static ArgumentOutOfRangeException WrongType(string transform, string name, string found,
        IEnumerable<DataViewType> allowed) =>
        new("inputSchema",
            $"{transform}: input column '{name}' has type {found}; expected a scalar column of type {ColumnKinds.Describe(allowed)}.");
}
