using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Tests.Cli;

public sealed class RossmannLessonClosureTests
{
    [Test]
    public void TheLessonTable_CountsDaysAroundAStoresRefurbishment()
    {
        var sources = SyntheticRossmannSources.Generate(stores: 3);
        var start = new DateTime(2015, 3, 10);
        // Store 2 closes for a week, Tuesday to Monday (2015-03-09 and 2015-02-09 are Mondays, 2015-02-07 a Saturday).
        foreach (var day in sources.Days.Where(d => d.Store == 2 && d.Date >= start && d.Date < start.AddDays(7)))
            (day.Open, day.Sales) = (0, 0);

        var rows = RossmannLesson.Build(sources);

        int To(int store, DateTime date) => rows.Single(r => r.Store == store && r.Date == date).DaysToClosure;
        int From(int store, DateTime date) => rows.Single(r => r.Store == store && r.Date == date).DaysFromClosure;
        Assert.That(To(2, start.AddDays(-1)), Is.EqualTo(1));
        Assert.That(To(2, start.AddDays(-29)), Is.EqualTo(29));
        Assert.That(To(2, start.AddDays(-31)), Is.Zero);
        Assert.That(From(2, start.AddDays(7)), Is.EqualTo(1));
        Assert.That(From(2, start.AddDays(8)), Is.EqualTo(2));
        Assert.That(rows.Any(r => r.Store == 2 && r.Date >= start && r.Date < start.AddDays(7)), Is.False, "closed days have no sales");
        Assert.That(rows.Where(r => r.Store != 2).All(r => r.DaysToClosure == 0 && r.DaysFromClosure == 0), Is.True,
            "the generator's Sundays and holidays are not long closures");
    }
}
