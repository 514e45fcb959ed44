using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Wrapping;

/// <summary>
/// Base of every fitted transform here: scoring and persistence are delegated to a chain of ML.NET built-in
/// transformers, so <c>mlContext.Model.Save</c> writes that chain and <c>Load</c> returns it without this assembly's
/// state. Subclasses only add validation with specific messages and read-only access to what was learned.
/// </summary>
public abstract class BuiltInChainTransformer : ITransformer, ICanSaveModel
{
    private readonly ITransformer _inner;

    /// <summary>Wraps <paramref name="inner"/>, the built-in chain that scores and is saved.</summary>
    protected BuiltInChainTransformer(ITransformer inner) => _inner = inner;

    /// <summary>The built-in transformer chain that does the work and is what gets saved.</summary>
    public ITransformer Inner => _inner;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _inner.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ValidateInput(inputSchema);
        return _inner.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ValidateInput(inputSchema);
        return _inner.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Applies the learned values lazily: no row is read until a cursor is opened.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidateInput(input.Schema);
        return Apply(input, _inner.Transform(input));
    }

    /// <summary>
    /// The view <see cref="Transform"/> returns, given the built-in chain's (lazy) view of <paramref name="input"/>: that
    /// view itself, unless a subclass computes the same values faster in this process.
    /// </summary>
    private protected virtual IDataView Apply(IDataView input, IDataView builtIn) => builtIn;

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_inner).Save(ctx);

    /// <summary>Throws a specific error (column, expected type) when <paramref name="schema"/> does not fit.</summary>
    protected abstract void ValidateInput(DataViewSchema schema);
}
