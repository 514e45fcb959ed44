using Microsoft.ML.Data;

namespace MLTabularExtensions.Schema;

/// <summary>The scalar column types each transform accepts, and how to describe them in error messages.</summary>
internal static class ColumnKinds
{
    public static readonly DataViewType[] Floating = [NumberDataViewType.Single, NumberDataViewType.Double];

    public static readonly DataViewType[] Integer = [NumberDataViewType.Int32, NumberDataViewType.Int64];

    public static readonly DataViewType[] Continuous = [.. Floating, .. Integer];

    public static readonly DataViewType[] Categorical =
        [TextDataViewType.Instance, NumberDataViewType.Single, NumberDataViewType.Double, NumberDataViewType.Int32,
         NumberDataViewType.Int64, BooleanDataViewType.Instance];

    public static readonly DataViewType[] Date = [DateTimeDataViewType.Instance, DateTimeOffsetDataViewType.Instance];

    public static bool IsFloating(DataViewType type) => Floating.Contains(type);

    public static string Describe(IEnumerable<DataViewType> types) =>
        string.Join(", ", types.Select(t => t.ToString()));
}
