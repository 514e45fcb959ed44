using Microsoft.ML;
using MLTabularExtensions.Schema;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.DateParts;

/// <summary>
/// Applies <see cref="AddDatePartsEstimator"/>: stateless, scored and saved as an ML.NET <c>CustomMapping</c>
/// (register this assembly with <c>mlContext.RegisterTabularExtensions()</c> before <c>Model.Load</c>).
/// </summary>
public sealed class AddDatePartsTransformer : BuiltInChainTransformer
{
    private readonly string _input;

    internal AddDatePartsTransformer(ITransformer inner, string input, IReadOnlyList<string> outputColumns) : base(inner)
    {
        _input = input;
        OutputColumns = outputColumns;
    }

    /// <summary>The columns added, in fastai's order.</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    /// <inheritdoc />
    protected override void ValidateInput(DataViewSchema schema) =>
        ColumnRequirement.Check(AddDatePartsEstimator.Name, schema, [_input], ColumnKinds.Date);
}
