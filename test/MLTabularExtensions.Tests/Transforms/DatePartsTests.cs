using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Tests.Transforms;

public sealed class DatePartsTests
{
    private sealed class DateRow
    {
        public DateTime SaleDate { get; set; }
    }

    private sealed class OffsetRow
    {
        public DateTimeOffset When { get; set; }
    }

    private static IDataView Parts(params DateTime[] dates)
    {
        var context = TestData.Context();
        var data = context.View(dates.Select(d => new DateRow { SaleDate = d }).ToArray());
        return context.Transforms.AddDateParts("SaleDate", includeTime: true).Fit(data).Transform(data);
    }

    // Expected values computed by hand from the calendar (ISO 8601 weeks: the week with the year's first Thursday is 1).
    [TestCase("2015-07-31", 2015, 7, 31, 31, 4, 212, true, false, false, false, false, false, 1438300800L)]
    [TestCase("2015-06-30", 2015, 6, 27, 30, 1, 181, true, false, true, false, false, false, 1435622400L)]
    [TestCase("2016-02-29", 2016, 2, 9, 29, 0, 60, true, false, false, false, false, false, 1456704000L)]
    [TestCase("2016-01-01", 2016, 1, 53, 1, 4, 1, false, true, false, true, false, true, 1451606400L)]
    [TestCase("2018-12-31", 2018, 12, 1, 31, 0, 365, true, false, true, false, true, false, 1546214400L)]
    [TestCase("2020-12-31", 2020, 12, 53, 31, 3, 366, true, false, true, false, true, false, 1609372800L)]
    [TestCase("2015-10-01", 2015, 10, 40, 1, 3, 274, false, true, false, true, false, false, 1443657600L)]
    [TestCase("1900-03-01", 1900, 3, 9, 1, 3, 60, false, true, false, false, false, false, -2203891200L)]
    public void DateParts_MatchHandComputedCalendar(string date, int year, int month, int week, int day, int dayOfWeek,
        int dayOfYear, bool monthEnd, bool monthStart, bool quarterEnd, bool quarterStart, bool yearEnd, bool yearStart,
        long elapsed)
    {
        var output = Parts(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Multiple(() =>
        {
            Assert.That(output.Column<float>("SaleYear"), Is.EqualTo(new[] { (float)year }));
            Assert.That(output.Column<float>("SaleMonth"), Is.EqualTo(new[] { (float)month }));
            Assert.That(output.Column<float>("SaleWeek"), Is.EqualTo(new[] { (float)week }));
            Assert.That(output.Column<float>("SaleDay"), Is.EqualTo(new[] { (float)day }));
            Assert.That(output.Column<float>("SaleDayofweek"), Is.EqualTo(new[] { (float)dayOfWeek }));
            Assert.That(output.Column<float>("SaleDayofyear"), Is.EqualTo(new[] { (float)dayOfYear }));
            Assert.That(output.Column<bool>("SaleIs_month_end"), Is.EqualTo(new[] { monthEnd }));
            Assert.That(output.Column<bool>("SaleIs_month_start"), Is.EqualTo(new[] { monthStart }));
            Assert.That(output.Column<bool>("SaleIs_quarter_end"), Is.EqualTo(new[] { quarterEnd }));
            Assert.That(output.Column<bool>("SaleIs_quarter_start"), Is.EqualTo(new[] { quarterStart }));
            Assert.That(output.Column<bool>("SaleIs_year_end"), Is.EqualTo(new[] { yearEnd }));
            Assert.That(output.Column<bool>("SaleIs_year_start"), Is.EqualTo(new[] { yearStart }));
            Assert.That(output.Column<double>("SaleElapsed"), Is.EqualTo(new[] { (double)elapsed }));
        });
    }

    [Test]
    public void Elapsed_FloorsBeforeTheEpoch_AndTimePartsAreRead()
    {
        var output = Parts(new DateTime(1969, 12, 31, 23, 59, 59, 500), new DateTime(1970, 1, 1, 0, 0, 0, 500),
            new DateTime(2015, 7, 31, 13, 45, 7));

        Assert.That(output.Column<double>("SaleElapsed"), Is.EqualTo(new[] { -1d, 0d, 1438350307d }));
        Assert.That(output.Column<float>("SaleHour"), Is.EqualTo(new[] { 23f, 0f, 13f }));
        Assert.That(output.Column<float>("SaleMinute"), Is.EqualTo(new[] { 59f, 0f, 45f }));
        Assert.That(output.Column<float>("SaleSecond"), Is.EqualTo(new[] { 59f, 0f, 7f }));
    }

    [Test]
    public void MissingDate_GivesNaNPartsAndFalseFlags()
    {
        var output = Parts(default, new DateTime(2015, 1, 1));

        Assert.That(output.Column<float>("SaleYear")[0], Is.NaN);
        Assert.That(output.Column<float>("SaleWeek")[0], Is.NaN);
        Assert.That(output.Column<double>("SaleElapsed")[0], Is.NaN);
        Assert.That(output.Column<bool>("SaleIs_year_start"), Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public void DefaultPrefix_DropsTrailingDate_AndTimePartsAreOptional()
    {
        var context = TestData.Context();
        var data = context.View(new DateRow { SaleDate = new DateTime(2015, 7, 31) });

        var schema = context.Transforms.AddDateParts("SaleDate").Fit(data).Transform(data).Schema;

        Assert.That(schema.Select(c => c.Name), Is.EqualTo(new[]
        {
            "SaleDate", "SaleYear", "SaleMonth", "SaleWeek", "SaleDay", "SaleDayofweek", "SaleDayofyear",
            "SaleIs_month_end", "SaleIs_month_start", "SaleIs_quarter_end", "SaleIs_quarter_start", "SaleIs_year_end",
            "SaleIs_year_start", "SaleElapsed",
        }));
        Assert.That(schema["SaleYear"].Type, Is.EqualTo(NumberDataViewType.Single));
        Assert.That(schema["SaleIs_year_end"].Type, Is.EqualTo(BooleanDataViewType.Instance));
        Assert.That(schema["SaleElapsed"].Type, Is.EqualTo(NumberDataViewType.Double));
    }

    [Test]
    public void DateTimeOffset_PartsFromWallClock_ElapsedFromInstant()
    {
        var context = TestData.Context();
        var data = context.View(new OffsetRow { When = new DateTimeOffset(2015, 8, 1, 1, 0, 0, TimeSpan.FromHours(2)) });

        var output = context.Transforms.AddDateParts("When", prefix: "W_").Fit(data).Transform(data);

        Assert.That(output.Column<float>("W_Day"), Is.EqualTo(new[] { 1f }));
        Assert.That(output.Column<float>("W_Month"), Is.EqualTo(new[] { 8f }));
        // 2015-07-31T23:00Z
        Assert.That(output.Column<double>("W_Elapsed"), Is.EqualTo(new[] { 1438383600d }));
    }

    [Test]
    public void Estimator_OutputSchema_MatchesFittedSchema()
    {
        var context = TestData.Context();
        var data = context.View(new DateRow { SaleDate = new DateTime(2015, 7, 31) });
        var estimator = context.Transforms.AddDateParts("SaleDate");

        var shape = estimator.GetOutputSchema(TestData.Shape(data.Schema));
        var fitted = estimator.Fit(data).GetOutputSchema(data.Schema);

        Assert.That(shape.Select(c => c.Name), Is.EquivalentTo(fitted.Select(c => c.Name)));
    }
}
