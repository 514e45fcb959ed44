using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class LearningRateSuggestionTests
{
    [Test]
    public void Valley_PicksTwoThirdsDownTheLongestFall_AsFastaisCodeDoes()
    {
        // Flat, then falling over 12 points, then exploding. fastai 2.7's valley() on the same 30 points (its lr_find
        // drops the first 3 and the last 5) returns index 10 of what remains: 3.857e-4.
        double[] losses =
        [
            2.0, 2.01, 2.02, 2.0, 2.01, 2.02, 2.0, 2.01, 2.02, 2.0,
            1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8,
            1.1, 2.0, 3.5, 5.6, 8.3, 11.6, 15.5, 20.0,
        ];
        var curve = losses.Select((loss, i) => (1e-7 * Math.Pow(1e8, i / 29.0), loss)).ToArray();

        Assert.That(LearningRateSuggestion.Valley(curve), Is.EqualTo(curve[13].Item1).Within(1e-12));
        Assert.That(curve[13].Item1, Is.EqualTo(3.857e-4).Within(1e-7));
    }

    [Test]
    public void ACurveTooShortForASuggestion_SaysHowMany()
    {
        var error = Assert.Throws<ArgumentException>(() => LearningRateSuggestion.Valley([(1e-3, 1.0), (1e-2, 0.5), (1e-1, 0.4)]));

        Assert.That(error!.Message, Does.Contain("3 points"));
    }
}
