using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Schema;

namespace MLTabularExtensions.DateParts;

/// <summary>
/// fastai's <c>add_datepart</c>: Year, Month, Week (ISO 8601), Day, Dayofweek (Monday = 0), Dayofyear as Single,
/// the six <c>Is_*</c> flags as Boolean, and Elapsed (Unix seconds, floored) as Double; optionally Hour, Minute,
/// Second. A missing date (the type's default value) gives NaN numbers and false flags. Nothing is learned.
/// </summary>
public sealed class AddDatePartsEstimator : IEstimator<AddDatePartsTransformer>
{
    internal const string Name = "AddDateParts";
    private readonly MLContext _context;
    private readonly AddDatePartsOptions _options;
    private readonly string[] _parts;
    private readonly string _prefix;

    internal AddDatePartsEstimator(MLContext context, AddDatePartsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ColumnRequirement.CheckNamesGiven(Name, [options.InputColumnName]);
        _context = context;
        _options = options;
        _prefix = options.Prefix ?? DefaultPrefix(options.InputColumnName);
        _parts = options.IncludeTime ? [.. DatePartsRow.DateNames, .. DatePartsRow.TimeNames] : DatePartsRow.DateNames;
    }

    /// <summary>The prefix of the output columns (given, or derived from the input name as fastai does).</summary>
    public string Prefix => _prefix;

    /// <summary>The output column names, in fastai's order.</summary>
    public IReadOnlyList<string> OutputColumns => [.. _parts.Select(p => _prefix + p)];

    /// <summary>Builds the mapping; reads no data.</summary>
    public AddDatePartsTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ColumnRequirement.Check(Name, input.Schema, [_options.InputColumnName], ColumnKinds.Date);
        CheckNoCollision(input.Schema.Select(c => c.Name));
        var chain = Chain(input.Schema[_options.InputColumnName].Type == DateTimeOffsetDataViewType.Instance);
        return new AddDatePartsTransformer(chain.Fit(input), _options.InputColumnName, OutputColumns);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.Check(Name, inputSchema, [_options.InputColumnName], ColumnKinds.Date);
        CheckNoCollision(inputSchema.Select(c => c.Name));
        ColumnRequirement.TryFind(inputSchema, _options.InputColumnName, out var column);
        return Chain(column.ItemType == DateTimeOffsetDataViewType.Instance).GetOutputSchema(inputSchema);
    }

    /// <summary>fastai's rule: the column name without a trailing "Date" or "date".</summary>
    internal static string DefaultPrefix(string column) =>
        column.EndsWith("Date", StringComparison.Ordinal) || column.EndsWith("date", StringComparison.Ordinal)
            ? column[..^4]
            : column;

    private void CheckNoCollision(IEnumerable<string> existing)
    {
        var clash = OutputColumns.Intersect(existing, StringComparer.Ordinal).FirstOrDefault();
        if (clash is not null)
            throw new InvalidOperationException(
                $"{Name}: output column '{clash}' already exists in the input; choose another prefix (AddDatePartsOptions.Prefix) so no data is overwritten.");
    }

    private EstimatorChain<ITransformer> Chain(bool offset)
    {
        var chain = new EstimatorChain<ITransformer>()
            .Append<ITransformer>(_context.Transforms.CopyColumns(DateTimeInputRow.Column, _options.InputColumnName));
        IEstimator<ITransformer> mapping = offset
            ? _context.Transforms.CustomMapping<DateTimeOffsetInputRow, DatePartsRow>(
                DateTimeOffsetPartsFactory.Map, DateTimeOffsetPartsFactory.ContractName)
            : _context.Transforms.CustomMapping<DateTimeInputRow, DatePartsRow>(
                DateTimePartsFactory.Map, DateTimePartsFactory.ContractName);
        chain = chain.Append(mapping);
        foreach (var part in _parts)
            chain = chain.Append<ITransformer>(_context.Transforms.CopyColumns(_prefix + part, DatePartsRow.Prefix + part));
        var temporary = DatePartsRow.DateNames.Concat(DatePartsRow.TimeNames).Select(p => DatePartsRow.Prefix + p);
        return chain.Append<ITransformer>(_context.Transforms.DropColumns([DateTimeInputRow.Column, .. temporary]));
    }
}
