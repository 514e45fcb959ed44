using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Cli;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.RealData;

/// <summary>Kaggle's Rossmann train.csv ⋈ store.csv from ../shared/data (present in CI).</summary>
[Category(TestCategories.Slow)]
public sealed class RossmannPreprocessTests
{
    [Test]
    public void FitOnTrainingPeriod_ApplyToValidationPeriod()
    {
        var folder = TestData.SharedData("rossmann");
        var context = TestData.Context();
        var rows = RossmannFiles.LoadTrainJoinedWithStore(context, folder);
        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Date < RossmannLesson.ValidationStart));
        var valid = context.Data.LoadFromEnumerable(rows.Where(r => r.Date >= RossmannLesson.ValidationStart));

        var model = context.Transforms.AddDateParts("Date")
            .Append(context.Transforms.TabularPreprocess(new TabularPreprocessOptions
            {
                CategoricalColumns = RossmannRow.CategoricalColumns,
                ContinuousColumns = RossmannRow.ContinuousColumns,
            }))
            .Fit(train);
        var preprocess = model.LastTransformer;
        var output = model.Transform(valid);

        Assert.That(rows, Has.Count.EqualTo(1_017_209));
        var store = preprocess.CategorizedColumns.Single(c => c.Name == "Store");
        Assert.That(store.Vocabulary, Has.Length.EqualTo(1_115));
        Assert.That(((KeyDataViewType)output.Schema["Store"].Type).Count, Is.EqualTo(1_115UL));
        Assert.That(preprocess.CategoricalColumns, Does.Contain("CompetitionDistance_na"));
        Assert.That(preprocess.IndicatorColumns, Is.EqualTo(new[] { "CompetitionDistance_na" }));
        foreach (var column in preprocess.ContinuousColumns)
        {
            var values = output.Schema[column].Type == NumberDataViewType.Double
                ? output.Column<double>(column)
                : [.. output.Column<float>(column).Select(v => (double)v)];
            Assert.That(values, Has.Length.EqualTo(rows.Count(r => r.Date >= RossmannLesson.ValidationStart)));
            Assert.That(values.All(double.IsFinite), Is.True, column);
        }
        // Stores the training period has not seen would be 0; every validation store is known.
        Assert.That(output.Column<uint>("Store").Min(), Is.GreaterThan(0u));
        // StateHoliday's "0" and a–c were all seen in training.
        Assert.That(preprocess.CategorizedColumns.Single(c => c.Name == "StateHoliday").Vocabulary,
            Is.EqualTo(new[] { "0", "a", "b", "c" }));
        // The transformer's own pass gives the saved built-in chain's values, bit for bit.
        var withDates = model.Take(1).Single().Transform(valid);
        Assert.That(preprocess.Transform(withDates), Is.TypeOf<PreprocessedDataView>());
        Assert.That(preprocess.Transform(withDates).VisibleCells(), Is.EqualTo(preprocess.Inner.Transform(withDates).VisibleCells()));
    }

    [Test]
    public void FitOverACursorSet_LearnsWhatOneCursorLearns()
    {
        var folder = TestData.SharedData("rossmann");
        var context = TestData.Context();
        var rows = RossmannFiles.LoadTrainJoinedWithStore(context, folder);
        var raw = context.Data.LoadFromEnumerable(rows);
        var withDates = context.Transforms.AddDateParts("Date").Fit(raw).Transform(raw);
        // ML.NET's cache splits into a cursor set, which the fit reads in parallel.
        var cached = context.Data.Cache(withDates);
        var oneCursor = new OneCursorView(cached);
        var options = new TabularPreprocessOptions { CategoricalColumns = RossmannRow.CategoricalColumns, ContinuousColumns = RossmannRow.ContinuousColumns };

        var serial = context.Transforms.TabularPreprocess(options).Fit(oneCursor);
        var parallel = context.Transforms.TabularPreprocess(options).Fit(cached);

        Assert.That(oneCursor.GetRowCursorSet(oneCursor.Schema, 2), Has.Length.EqualTo(1));
        Assert.That(cached.GetRowCursorSet(cached.Schema, 2), Has.Length.EqualTo(2));
        Assert.That(parallel.FilledColumns, Is.EqualTo(serial.FilledColumns));
        Assert.That(parallel.NormalizedColumns, Is.EqualTo(serial.NormalizedColumns), "means and standard deviations to the bit: values summed in row order");
        Assert.That(parallel.CategorizedColumns.Select(c => c.Vocabulary), Is.EqualTo(serial.CategorizedColumns.Select(c => c.Vocabulary)));
        Assert.That(serial.CategorizedColumns.Single(c => c.Name == "Store").Vocabulary, Has.Length.EqualTo(1_115));
    }

    /// <summary>A data view that never splits into a cursor set.</summary>
    private sealed class OneCursorView(IDataView inner) : IDataView
    {
        public bool CanShuffle => inner.CanShuffle;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
            inner.GetRowCursor(columnsNeeded, rand);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            [inner.GetRowCursor(columnsNeeded, rand)];
    }
}
