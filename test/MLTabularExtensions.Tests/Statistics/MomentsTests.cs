using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Tests.Statistics;

public sealed class MomentsTests
{
    [Test]
    public void Median_AgreesWithSortingDefinition_OnRandomDataWithDuplicatesAndMissing()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var length = 1 + random.Next(60);
            var values = Enumerable.Range(0, length)
                .Select(_ => random.Next(8) == 0 ? double.NaN : random.Next(trial % 3 == 0 ? 4 : 1000) - 10.5)
                .ToArray();
            var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            var expected = sorted.Length == 0 ? double.NaN
                : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

            Assert.That(Moments.Median(values), Is.EqualTo(expected), string.Join(",", values));
        }
    }
}
