using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Tests.Cli;

public sealed class StoreClosuresTests
{
    private static readonly DateTime First = new(2015, 6, 1);

    private static (int[] Before, int[] After) Distances(string days)
    {
        var dates = days.Select((_, i) => First.AddDays(i)).ToArray();
        return StoreClosures.Distances(dates, [.. days.Select(c => c == 'x')]);
    }

    [Test]
    public void CountsDaysToAndFromALongClosure()
    {
        // o = open, x = closed: a 3-day closure on days 4-6.
        var (before, after) = Distances("oooxxxoo");

        Assert.That(before, Is.EqualTo(new[] { 3, 2, 1, 0, 0, 0, 0, 0 }));
        Assert.That(after, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 0, 1, 2 }));
    }

    [Test]
    public void SundaysAndTwoDayHolidays_AreNotLongClosures()
    {
        var (before, after) = Distances("ooxoooxxoo");

        Assert.That(before.Concat(after), Is.All.Zero);
    }

    [Test]
    public void AMissingDate_BreaksARunOfClosedDays()
    {
        // Two closed days, a day missing from the data, two closed days: no run of three known closed days.
        var dates = new[] { 0, 1, 2, 4, 5, 6 }.Select(d => First.AddDays(d)).ToArray();
        var (before, after) = StoreClosures.Distances(dates, [false, true, true, true, true, false]);

        Assert.That(before.Concat(after), Is.All.Zero);
    }

    [Test]
    public void ClosuresBeyondTheHorizon_CountAsNone()
    {
        var open = new string('o', StoreClosures.Horizon);
        var (before, after) = Distances("o" + open + "xxx" + open + "o");

        Assert.That(before[0], Is.Zero, "31 days ahead");
        Assert.That(before[1], Is.EqualTo(StoreClosures.Horizon));
        Assert.That(after[^2], Is.EqualTo(StoreClosures.Horizon));
        Assert.That(after[^1], Is.Zero, "31 days after");
    }

    [Test]
    public void BetweenTwoClosures_CountsToTheNextAndFromTheLast()
    {
        var (before, after) = Distances("xxxxooxxxo");

        Assert.That(before[4..6], Is.EqualTo(new[] { 2, 1 }));
        Assert.That(after[4..6], Is.EqualTo(new[] { 1, 2 }));
        Assert.That(after[9], Is.EqualTo(1));
        Assert.That(before[9], Is.Zero);
    }
}
