namespace MLTabularExtensions.DateParts;

/// <summary>Options of <see cref="AddDatePartsEstimator"/> (fastai's <c>add_datepart</c>).</summary>
public sealed class AddDatePartsOptions
{
    /// <summary>The DateTime or DateTimeOffset column to expand. It is kept (ML.NET convention; fastai drops it).</summary>
    public string InputColumnName { get; set; } = "";

    /// <summary>
    /// Prefix of the output columns (<c>{Prefix}Year</c>, …). Null (default): the input name without a trailing
    /// "Date"/"date", as fastai does ("SaleDate" → "Sale", "Date" → "").
    /// </summary>
    public string? Prefix { get; set; }

    /// <summary>Also add Hour, Minute and Second (fastai's <c>time=True</c>). Default false.</summary>
    public bool IncludeTime { get; set; }
}
