namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>fastai's embedding width rule.</summary>
internal static class EmbeddingSizeRule
{
    /// <summary>min(600, round(1.6 · n^0.56)) for a column with <paramref name="cardinality"/> values, the missing slot included.</summary>
    public static int For(long cardinality) => (int)Math.Min(600, Math.Round(1.6 * Math.Pow(cardinality, 0.56)));
}
