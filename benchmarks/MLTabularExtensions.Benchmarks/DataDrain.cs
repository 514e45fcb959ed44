using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Benchmarks;

/// <summary>Reads every value of every column once, so lazy transforms do all their work.</summary>
internal static class DataDrain
{
    public static long Run(IDataView data)
    {
        using var cursor = data.GetRowCursor(data.Schema);
        var readers = data.Schema.Where(c => !c.IsHidden).Select(c => Reader(cursor, c)).ToArray();
        long rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var read in readers) read();
            rows++;
        }
        return rows;
    }

    private static Action Reader(DataViewRowCursor cursor, DataViewSchema.Column column) => column.Type switch
    {
        KeyDataViewType => Bind<uint>(cursor, column),
        var t when t == NumberDataViewType.Single => Bind<float>(cursor, column),
        var t when t == NumberDataViewType.Double => Bind<double>(cursor, column),
        var t when t == NumberDataViewType.Int32 => Bind<int>(cursor, column),
        var t when t == NumberDataViewType.Int64 => Bind<long>(cursor, column),
        var t when t == BooleanDataViewType.Instance => Bind<bool>(cursor, column),
        var t when t == DateTimeDataViewType.Instance => Bind<DateTime>(cursor, column),
        var t when t == TextDataViewType.Instance => Bind<ReadOnlyMemory<char>>(cursor, column),
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.Type}."),
    };

    private static Action Bind<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        return () => getter(ref value);
    }
}
