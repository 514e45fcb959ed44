using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.Normalize;
using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.TabularPreprocess;

/// <summary>
/// The output columns of a fitted TabularPreprocess computed straight from its input row, with the built-in chain's
/// arithmetic: a key is the category's position in the vocabulary plus one (0 when missing or unseen, as
/// <c>MapValueToKey</c> gives), an <c>_na</c> flag's key that of isna(x), and a continuous value
/// <c>isna(x) ? f′ : (x − mean) / (std + ε)</c> in the column's precision with the same rounded constants.
/// </summary>
internal sealed class PreprocessedColumns
{
    // Each visible output: the input column it is computed from, and how to make its getter on an input row.
    private readonly Dictionary<string, (string Source, Func<DataViewRow, Delegate> Getter)> _outputs = new(StringComparer.Ordinal);
    // The chain's one intermediate step: the Boolean isna(x) flags that Categorify then turns into keys of the same name.
    private readonly Dictionary<string, string> _flags;

    public PreprocessedColumns(TabularPreprocessTransformer fitted)
    {
        _flags = fitted.FilledColumns.Where(f => f.IndicatorName is not null).ToDictionary(f => f.IndicatorName!, f => f.InputColumnName, StringComparer.Ordinal);
        foreach (var column in fitted.CategorizedColumns)
        {
            if (_flags.TryGetValue(column.Name, out var source))
            {
                var keys = Keys((bool[])column.Vocabulary);
                _outputs[column.Name] = (source, row => MissingFlagKey(row, row.Schema[source], keys));
            }
            else
            {
                // Built once, when a cursor first needs it: a vocabulary can hold a million categories.
                var keys = new Lazy<object>(() => KeyMap(column), LazyThreadSafetyMode.ExecutionAndPublication);
                _outputs[column.Name] = (column.InputColumnName, row => KeyGetter(row, row.Schema[column.InputColumnName], keys.Value));
            }
        }
        foreach (var (fill, moments) in fitted.FilledColumns.Zip(fitted.NormalizedColumns))
        {
            _outputs[moments.Name] = (moments.InputColumnName, row => NormalizedGetter(row, row.Schema[moments.InputColumnName], fill, moments));
        }
    }

    /// <summary>Whether a column of the chain's output schema is computed here: a visible output, or a hidden isna flag.</summary>
    public bool Computes(DataViewSchema.Column column) =>
        column.IsHidden ? IsFlag(column) : _outputs.ContainsKey(column.Name);

    /// <summary>The input column an output is computed from.</summary>
    public string Source(DataViewSchema.Column column) => IsFlag(column) ? _flags[column.Name] : _outputs[column.Name].Source;

    /// <summary>A getter of <paramref name="column"/> reading <paramref name="row"/>.</summary>
    public Delegate Getter(DataViewSchema.Column column, DataViewRow row) =>
        IsFlag(column) ? MissingFlag(row, row.Schema[_flags[column.Name]]) : _outputs[column.Name].Getter(row);

    private bool IsFlag(DataViewSchema.Column column) => column.Type == BooleanDataViewType.Instance && _flags.ContainsKey(column.Name);

    // Key i + 1 is word number i.
    private static WordNumbers Words(string[] vocabulary)
    {
        var words = new WordNumbers();
        foreach (var word in vocabulary) words.Add(word);
        return words;
    }

    private static Dictionary<T, uint> Keys<T>(T[] vocabulary) where T : notnull
    {
        var keys = new Dictionary<T, uint>(vocabulary.Length);
        for (var i = 0; i < vocabulary.Length; i++) keys[vocabulary[i]] = (uint)i + 1;
        return keys;
    }

    private static object KeyMap(CategorizedColumn column) => column.Vocabulary switch
    {
        string[] words => Words(words),
        float[] values => DenseKeys.TryCreate([.. values.Select(v => (double)v)]) ?? (object)Keys(values),
        double[] values => DenseKeys.TryCreate(values) ?? (object)Keys(values),
        int[] values => DenseKeys.TryCreate([.. values.Select(v => (double)v)]) ?? (object)Keys(values),
        long[] values => DenseKeys.TryCreate([.. values.Select(v => (double)v)]) ?? (object)Keys(values),
        bool[] values => DenseKeys.TryCreate([.. values.Select(v => v ? 1.0 : 0.0)])!,
        _ => throw new NotSupportedException($"Column '{column.Name}' has a vocabulary of {column.Vocabulary.GetType().Name}."),
    };

    private static Delegate KeyGetter(DataViewRow row, DataViewSchema.Column input, object keys) => keys switch
    {
        DenseKeys dense => input.Type.RawType switch
        {
            var t when t == typeof(float) => DenseKey<float>(row, input, dense),
            var t when t == typeof(double) => DenseKey<double>(row, input, dense),
            var t when t == typeof(int) => DenseKey<int>(row, input, dense),
            var t when t == typeof(long) => DenseKey<long>(row, input, dense),
            var t when t == typeof(bool) => DenseKey<bool>(row, input, dense),
            _ => throw new NotSupportedException($"Column '{input.Name}' of {input.Type} has array keys."),
        },
        WordNumbers words => TextKey(row, input, words),
        Dictionary<float, uint> values => MappedKey<float>(row, input, values.GetValueOrDefault),
        Dictionary<double, uint> values => MappedKey<double>(row, input, values.GetValueOrDefault),
        Dictionary<int, uint> values => MappedKey<int>(row, input, values.GetValueOrDefault),
        Dictionary<long, uint> values => MappedKey<long>(row, input, values.GetValueOrDefault),
        _ => throw new NotSupportedException($"Column '{input.Name}' has a key map of {keys.GetType().Name}."),
    };

    // Its own closure rather than MappedKey's: one delegate call per cell (the input's getter) instead of three.
    private static ValueGetter<uint> DenseKey<T>(DataViewRow row, DataViewSchema.Column input, DenseKeys keys) where T : struct
    {
        var getter = row.GetGetter<T>(input);
        T value = default;
        return (ref uint key) =>
        {
            getter(ref value);
            key = keys.Of(value);
        };
    }

    private static ValueGetter<uint> TextKey(DataViewRow row, DataViewSchema.Column input, WordNumbers words)
    {
        var getter = row.GetGetter<ReadOnlyMemory<char>>(input);
        var last = -1;
        // Empty text is missing, never a category; an unseen word is key 0 like a missing one (Find gives −1). The
        // text goes to a local: kept in the closure, its reference would cost a GC write barrier per cell.
        return (ref uint key) =>
        {
            ReadOnlyMemory<char> value = default;
            getter(ref value);
            key = value.IsEmpty ? 0 : (uint)(words.Find(value.Span, ref last) + 1);
        };
    }

    private static ValueGetter<uint> MappedKey<T>(DataViewRow row, DataViewSchema.Column input, Func<T, uint> keyOf)
    {
        var getter = row.GetGetter<T>(input);
        T value = default!;
        return (ref uint key) =>
        {
            getter(ref value);
            key = keyOf(value);
        };
    }

    private static ValueGetter<uint> MissingFlagKey(DataViewRow row, DataViewSchema.Column input, Dictionary<bool, uint> keys)
    {
        var (missingKey, presentKey) = (keys.GetValueOrDefault(true), keys.GetValueOrDefault(false));
        var flag = MissingFlag(row, input);
        var missing = false;
        return (ref uint key) =>
        {
            flag(ref missing);
            key = missing ? missingKey : presentKey;
        };
    }

    private static ValueGetter<bool> MissingFlag(DataViewRow row, DataViewSchema.Column input)
    {
        if (input.Type == NumberDataViewType.Double)
        {
            var wide = row.GetGetter<double>(input);
            double x = 0;
            return (ref bool missing) =>
            {
                wide(ref x);
                missing = double.IsNaN(x);
            };
        }
        var getter = row.GetGetter<float>(input);
        float value = 0;
        return (ref bool missing) =>
        {
            getter(ref value);
            missing = float.IsNaN(value);
        };
    }

    private static Delegate NormalizedGetter(DataViewRow row, DataViewSchema.Column input, FilledColumn fill, NormalizedColumn moments)
    {
        var divisor = moments.Std + moments.Epsilon;
        var filled = !double.IsNaN(fill.FillValue);
        if (input.Type == NumberDataViewType.Double)
        {
            var getter = row.GetGetter<double>(input);
            var (mean, fillValue) = (moments.Mean, FusedFillNormalize.NormalizedFill(moments.Type, moments.Mean, divisor, fill.StoredFillValue));
            double x = 0;
            return (ValueGetter<double>)((ref double value) =>
            {
                getter(ref x);
                value = filled && double.IsNaN(x) ? fillValue : (x - mean) / divisor;
            });
        }
        // Single, and integers widened to Single: the expression's constants are Single literals.
        var (m, d) = ((float)moments.Mean, (float)divisor);
        var f = (float)FusedFillNormalize.NormalizedFill(moments.Type, moments.Mean, divisor, fill.StoredFillValue);
        return input.Type.RawType switch
        {
            var t when t == typeof(float) => NormalizedSingle<float>(row, input, filled, m, d, f),
            var t when t == typeof(int) => NormalizedSingle<int>(row, input, filled, m, d, f),
            var t when t == typeof(long) => NormalizedSingle<long>(row, input, filled, m, d, f),
            _ => throw new NotSupportedException($"Column '{input.Name}' has type {input.Type}."),
        };
    }

    private static ValueGetter<float> NormalizedSingle<T>(DataViewRow row, DataViewSchema.Column input, bool filled, float mean, float divisor, float fillValue)
        where T : struct
    {
        var getter = row.GetGetter<T>(input);
        T raw = default;
        return (ref float value) =>
        {
            getter(ref raw);
            var x = ToSingle(raw);
            value = filled && float.IsNaN(x) ? fillValue : (x - mean) / divisor;
        };
    }

    // typeof(T) is a constant in each instantiation, so the JIT keeps one branch.
    private static float ToSingle<T>(T value) where T : struct
    {
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref value);
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref value);
        throw new NotSupportedException($"{typeof(T).Name} is not widened to Single.");
    }
}
