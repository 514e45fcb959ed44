using Microsoft.ML;

namespace MLTabularExtensions.Schema;

/// <summary>
/// The columns a transform works on as (output, input) pairs, as ML.NET's own transforms take them: the in-place
/// names (output = input) followed by the explicit pairs.
/// </summary>
internal static class ColumnPairs
{
    public static IReadOnlyList<InputOutputColumnPair> Resolve(string transform, IReadOnlyList<string> inPlace,
        IReadOnlyList<InputOutputColumnPair> pairs)
    {
        ColumnRequirement.CheckListsGiven(transform, ("Columns", inPlace), ("ColumnPairs", pairs));
        if (pairs.Any(p => p is null)) throw new ArgumentException($"{transform}: a column pair is null.", nameof(pairs));
        var names = inPlace.Concat(pairs.Select(p => p.InputColumnName)).ToArray();
        if (names.Length == 0) throw new ArgumentException($"{transform}: no column names were given.", nameof(inPlace));
        if (names.Concat(pairs.Select(p => p.OutputColumnName)).Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"{transform}: a column name is null or blank.", nameof(inPlace));
        List<InputOutputColumnPair> all = [.. inPlace.Select(c => new InputOutputColumnPair(c)), .. pairs];
        // Two steps writing one output would silently keep only the last.
        var duplicate = all.GroupBy(p => p.OutputColumnName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"{transform}: output column '{duplicate.Key}' is listed more than once.", nameof(inPlace));
        // Every pair reads its input as the input data has it; a new column that another pair reads would make the
        // result depend on the order of the steps.
        var read = all.Where(p => p.OutputColumnName != p.InputColumnName)
            .FirstOrDefault(p => all.Any(q => q != p && q.InputColumnName == p.OutputColumnName));
        if (read is not null)
            throw new ArgumentException(
                $"{transform}: output column '{read.OutputColumnName}' is also read as the input of another pair; give it another name.", nameof(pairs));
        return all;
    }

    /// <summary>
    /// The order to build the steps in: new columns first, then the in-place ones, so that every new column reads its
    /// input before an in-place step replaces it (<see cref="Resolve"/> refuses the other way to overwrite an input).
    /// </summary>
    public static IEnumerable<T> BuildOrder<T>(IEnumerable<T> columns) where T : Wrapping.ILearnedColumn =>
        columns.OrderBy(c => c.Name == c.InputColumnName);
}
