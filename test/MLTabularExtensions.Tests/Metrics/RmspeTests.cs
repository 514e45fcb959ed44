using MLTabularExtensions.Metrics;

namespace MLTabularExtensions.Tests.Metrics;

public sealed class RmspeTests
{
    [Test]
    public void Compute_SkipsRowsWithZeroLabel()
    {
        // ((100 − 90) / 100)² = 0.01, ((200 − 250) / 200)² = 0.0625; the zero-label row is not counted.
        var value = Rmspe.Compute([100, 0, 200], [90, 5, 250]);

        Assert.That(value, Is.EqualTo(Math.Sqrt((0.01 + 0.0625) / 2)).Within(1e-12));
    }

    [Test]
    public void Compute_WithLogTarget_ExponentiatesBoth()
    {
        var value = Rmspe.Compute([Math.Log(100), Math.Log(200)], [Math.Log(90), Math.Log(250)], logTarget: true);

        Assert.That(value, Is.EqualTo(Math.Sqrt((0.01 + 0.0625) / 2)).Within(1e-12));
    }

    [Test]
    public void Compute_RejectsNaNLabel_NamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => Rmspe.Compute([1, double.NaN], [1, 1]));

        Assert.That(error!.Message, Does.Contain("row 1"));
    }

    [Test]
    public void Compute_RejectsMismatchedLengths_AndNoPositiveLabel()
    {
        Assert.Throws<ArgumentException>(() => Rmspe.Compute([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => Rmspe.Compute([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => Rmspe.Compute([0, -1], [1, 2]));
    }

    [Test]
    public void Evaluate_ReadsLabelAndScoreColumns()
    {
        var context = TestData.Context();
        var data = context.View(new Scored { Label = 100, Score = 90 }, new Scored { Label = 200, Score = 250 });

        Assert.That(Rmspe.Evaluate(data), Is.EqualTo(Math.Sqrt((0.01 + 0.0625) / 2)).Within(1e-7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rmspe.Evaluate(data, scoreColumnName: "Nope"));
    }

    private sealed class Scored
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
