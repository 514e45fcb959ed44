namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// Stops training at the first batch whose loss is not finite, saying where: after it every weight update is NaN, and
/// returning that network would only move the failure to scoring, where it can no longer be traced.
/// </summary>
internal static class Divergence
{
    public static void Check(float loss, string trainer, int epoch, int batch, double learningRate)
    {
        if (!float.IsFinite(loss))
            throw new InvalidOperationException(
                $"{trainer}: the training loss became {loss} at epoch {epoch}, batch {batch} (learning rate {learningRate:G3}): training diverged. Lower MaxLearningRate, or scale labels/inputs that are too large for float32 (use LogTarget for positive, skewed labels).");
    }
}
