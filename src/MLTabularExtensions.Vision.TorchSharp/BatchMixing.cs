namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>How training batches are mixed (fastai's <c>MixUp</c> and <c>CutMix</c> callbacks); scoring never mixes.</summary>
public enum BatchMixing
{
    /// <summary>No mixing.</summary>
    None,

    /// <summary>
    /// MixUp (Zhang et al. 2018): each image is blended with another image of the batch, weight λ ~ Beta(α, α) taken as
    /// max(λ, 1 − λ), and the loss is blended with the same weights. fastai's default α is 0.4.
    /// </summary>
    MixUp,

    /// <summary>
    /// CutMix (Yun et al. 2019): one box per batch, of area share 1 − λ with λ ~ Beta(α, α), is pasted from another
    /// image of the batch; the loss is blended by the area actually kept. Networks trained with it localise objects
    /// better (its paper's weakly-supervised localisation results). fastai's default α is 1.
    /// </summary>
    CutMix,
}
