using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// The feature and label columns the trainer reads, checked against a schema with errors that say what to do.
/// </summary>
internal sealed record TabularColumns(
    IReadOnlyList<(string Name, ulong KeyCount)> Categorical,
    IReadOnlyList<(string Name, int Width, bool IsDouble)> Continuous,
    string Label,
    TabularNetTask Task,
    ulong ClassCount)
{
    public const string Trainer = "TabularNet";

    public int ContinuousWidth => Continuous.Sum(c => c.Width);

    /// <summary>The column lists as options, to check other data against the same features.</summary>
    public TabularNetOptions FeatureOptions() => new()
    {
        LabelColumnName = Label,
        CategoricalColumns = [.. Categorical.Select(c => c.Name)],
        ContinuousColumns = [.. Continuous.Select(c => c.Name)],
    };

    public static TabularColumns Resolve(DataViewSchema schema, TabularNetOptions options, TabularNetTask task, string dataName,
        bool requireLabel = true)
    {
        if (options.CategoricalColumns.Count + options.ContinuousColumns.Count == 0) options = WithFeaturesOf(schema, options);
        var categorical = options.CategoricalColumns.Select(name =>
        {
            var type = Find(schema, name, dataName, "a key column").Type;
            if (type is not KeyDataViewType key)
                throw new ArgumentOutOfRangeException(nameof(schema),
                    $"{Trainer}: categorical column '{name}' in {dataName} has type {type}; expected a key column — turn it into one with mlContext.Transforms.Categorify (or TabularPreprocess) first.");
            return (name, key.Count);
        }).ToArray();
        var continuous = options.ContinuousColumns.Select(name =>
        {
            var type = Find(schema, name, dataName, "a Single or Double column, or a Single vector of known size").Type;
            if (type == NumberDataViewType.Single) return (name, 1, false);
            // Double columns (e.g. date parts' Elapsed) are narrowed to Single, in training and inside the ONNX graph.
            if (type == NumberDataViewType.Double) return (name, 1, true);
            if (type is VectorDataViewType { ItemType: var item } vector && item == NumberDataViewType.Single)
            {
                if (!vector.IsKnownSize)
                    throw new ArgumentOutOfRangeException(nameof(schema),
                        $"{Trainer}: continuous column '{name}' in {dataName} is a vector of unknown size; the network needs a fixed number of inputs.");
                return (name, vector.Size, false);
            }
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{Trainer}: continuous column '{name}' in {dataName} has type {type}; expected Single or Double (normalize it with mlContext.Transforms.Normalize or TabularPreprocess).");
        }).ToArray();
        if (categorical.Length + continuous.Length == 0)
            throw new ArgumentException($"{Trainer}: no categorical or continuous column was given, and {dataName} has no key, Single or Double column besides the label.", nameof(options));
        if (!requireLabel) return new TabularColumns(categorical, continuous, options.LabelColumnName, task, 0);
        var labelType = Find(schema, options.LabelColumnName, dataName, ExpectedLabel(task)).Type;
        ulong classes = 0;
        var fits = task switch
        {
            TabularNetTask.Regression => labelType == NumberDataViewType.Single,
            TabularNetTask.BinaryClassification => labelType == BooleanDataViewType.Instance,
            _ => labelType is KeyDataViewType { Count: > 1 and var count } && (classes = count) > 0,
        };
        if (!fits)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{Trainer}: label column '{options.LabelColumnName}' in {dataName} has type {labelType}; expected {ExpectedLabel(task)}.");
        return new TabularColumns(categorical, continuous, options.LabelColumnName, task, classes);
    }

    /// <summary>
    /// When no feature column is named: every visible key column is categorical and every visible scalar Single or
    /// Double column continuous — what TabularPreprocess leaves — except the label.
    /// </summary>
    private static TabularNetOptions WithFeaturesOf(DataViewSchema schema, TabularNetOptions options)
    {
        var features = schema.Where(c => !c.IsHidden && c.Name != options.LabelColumnName).ToArray();
        var named = options.Copy();
        named.CategoricalColumns = [.. features.Where(c => c.Type is KeyDataViewType).Select(c => c.Name)];
        named.ContinuousColumns = [.. features.Where(c => c.Type == NumberDataViewType.Single || c.Type == NumberDataViewType.Double).Select(c => c.Name)];
        return named;
    }

    /// <summary>Other data (validation, scoring) must match the training columns exactly, key counts included.</summary>
    public void CheckSame(TabularColumns other, string dataName)
    {
        foreach (var (mine, theirs) in Categorical.Zip(other.Categorical))
        {
            if (mine.KeyCount != theirs.KeyCount)
                throw new ArgumentOutOfRangeException(nameof(other),
                    $"{Trainer}: categorical column '{mine.Name}' has {theirs.KeyCount} keys in {dataName} but {mine.KeyCount} in training; transform both with the same fitted preprocessing.");
        }
        foreach (var (mine, theirs) in Continuous.Zip(other.Continuous))
        {
            if (mine.Width != theirs.Width || mine.IsDouble != theirs.IsDouble)
                throw new ArgumentOutOfRangeException(nameof(other),
                    $"{Trainer}: continuous column '{mine.Name}' has {theirs.Width} {(theirs.IsDouble ? "Double" : "Single")} values in {dataName} but {mine.Width} {(mine.IsDouble ? "Double" : "Single")} in training.");
        }
        if (other.ClassCount != 0 && ClassCount != other.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(other),
                $"{Trainer}: the label has {other.ClassCount} classes in {dataName} but {ClassCount} in training.");
    }

    private static string ExpectedLabel(TabularNetTask task) => task switch
    {
        TabularNetTask.Regression => "Single",
        TabularNetTask.BinaryClassification => "Boolean",
        _ => "a key column with at least two classes (mlContext.Transforms.Conversion.MapValueToKey)",
    };

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string dataName, string expected) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentOutOfRangeException(nameof(schema), $"{Trainer}: column '{name}' was not found in {dataName}; expected {expected}.");
}
