using Microsoft.ML.Data;

namespace MLTabularExtensions.Wrapping;

/// <summary>A column a transform learned something about: later data must have it with the same type.</summary>
public interface ILearnedColumn
{
    /// <summary>The column name.</summary>
    string Name { get; }

    /// <summary>Its type at training time.</summary>
    DataViewType Type { get; }
}
