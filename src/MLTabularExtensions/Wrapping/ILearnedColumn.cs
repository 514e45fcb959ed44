using Microsoft.ML.Data;

namespace MLTabularExtensions.Wrapping;

/// <summary>A column a transform learned something about: later data must have it with the same type.</summary>
public interface ILearnedColumn
{
    /// <summary>The output column's name.</summary>
    string Name { get; }

    /// <summary>The input column read; the same as <see cref="Name"/> for a column replaced in place.</summary>
    string InputColumnName { get; }

    /// <summary>The input column's type at training time.</summary>
    DataViewType Type { get; }
}
