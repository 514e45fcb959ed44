namespace MLTabularExtensions.FillMissing;

/// <summary>How <see cref="FillMissingEstimator"/> chooses the value that replaces a missing one (fastai's FillStrategy).</summary>
public enum FillMissingStrategy
{
    /// <summary>The median of the training values (mean of the two middle values for an even count). fastai's default.</summary>
    Median,

    /// <summary>The most frequent training value; the smallest of tied values.</summary>
    Mode,

    /// <summary>The fixed <see cref="FillMissingOptions.FillValue"/>.</summary>
    Constant,
}
