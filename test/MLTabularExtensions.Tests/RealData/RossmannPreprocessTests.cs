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
}
