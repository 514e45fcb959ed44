using Microsoft.ML.Data;

namespace MLTabularExtensions.Scoring;

/// <summary>The network's predicted class number (1-based, as ML.NET keys) in a [1, 1] tensor, as ONNX Runtime hands it over.</summary>
public sealed class RawClassRow
{
    /// <summary>The column name the ONNX graph writes (no dots: OnnxTransformer cuts names at the first one).</summary>
    public const string Column = "mltab_onnx_class";

    /// <summary>The class number in a [1, 1] vector.</summary>
    [ColumnName(Column)]
    [VectorType(1, 1)]
    public uint[] Class { get; set; } = [];
}

/// <summary>The class number as a scalar, before <c>MapValueToKey</c> makes it ML.NET's key-typed <c>PredictedLabel</c>.</summary>
public sealed class ClassNumberRow
{
    /// <summary>The column name the scoring chain reads and then drops.</summary>
    public const string Column = "mltab_class_number";

    /// <summary>1-based class number.</summary>
    [ColumnName(Column)]
    public uint Number { get; set; }
}

/// <summary>A class's name (the label's key value as text), the key values of a named <c>PredictedLabel</c>.</summary>
public sealed class ClassNameRow
{
    /// <summary>The column name the scoring chain reads and then drops.</summary>
    public const string Column = "mltab_class_name";

    /// <summary>The class's name.</summary>
    [ColumnName(Column)]
    public string Name { get; set; } = "";
}
