using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Categorify;
using MLTabularExtensions.FillMissing;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.Transforms;

/// <summary>One test per row of the README's error table.</summary>
public sealed class BadInputTests
{
    private sealed class Row
    {
        public string Text { get; set; } = "a";
        public float Number { get; set; } = 1;
        public DateTime Date { get; set; } = new(2015, 1, 1);
        public float Year { get; set; }
    }

    private sealed class TextNumberRow
    {
        public string Number { get; set; } = "1";
    }

    private static readonly MLContext Context = TestData.Context();

    private static IDataView Data(params Row[] rows) => Context.View(rows.Length == 0 ? [new Row()] : rows);

    [Test]
    public void MissingColumn_NamesItAndTheExpectedTypes()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.Normalize("Nope").Fit(Data()));

        Assert.That(error!.Message, Does.Contain("Normalize: input column 'Nope' was not found")
            .And.Contain("Single, Double, Int32, Int64"));
    }

    [Test]
    public void WrongColumnType_NamesColumnFoundAndExpectedType()
    {
        var fill = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.FillMissing("Text").Fit(Data()));
        var dates = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.AddDateParts("Number").Fit(Data()));
        var categories = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.Categorify("Date").Fit(Data()));

        Assert.That(fill!.Message, Does.Contain("'Text' has type String").And.Contain("Single, Double"));
        Assert.That(dates!.Message, Does.Contain("'Number' has type Single").And.Contain("DateTime, DateTimeOffset"));
        Assert.That(categories!.Message, Does.Contain("'Date' has type DateTime").And.Contain("String"));
    }

    [Test]
    public void WrongType_IsAlsoCaughtBeforeFit_ByGetOutputSchema()
    {
        var shape = TestData.Shape(Data().Schema);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.Normalize("Text").GetOutputSchema(shape));

        Assert.That(error!.Message, Does.Contain("'Text' has type String"));
    }

    [Test]
    public void LaterDataWithChangedColumnType_FailsAtTransform_NamingTheColumn()
    {
        var model = Context.Transforms.Categorify("Number").Fit(Data());
        var later = Context.View(new TextNumberRow());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(later));

        Assert.That(error!.Message, Does.Contain("Categorify: input column 'Number' has type String").And.Contain("Single"));
    }

    [Test]
    public void EmptyTrainingData_FailsClearly()
    {
        var empty = Context.Data.LoadFromEnumerable(Array.Empty<Row>());

        var error = Assert.Throws<InvalidOperationException>(() => Context.Transforms.Categorify("Text").Fit(empty));

        Assert.That(error!.Message, Does.Contain("Categorify: the training data has no rows"));
    }

    [Test]
    public void InfiniteValue_NamesColumnAndRow()
    {
        var data = Data(new Row(), new Row(), new Row { Number = float.PositiveInfinity });

        var error = Assert.Throws<InvalidOperationException>(() => Context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            ContinuousColumns = ["Number"],
        }).Fit(data));

        Assert.That(error!.Message, Does.Contain("column 'Number' holds +infinity at row 2"));
    }

    [Test]
    public void CategoricalColumnWithNoCategory_FailsClearly()
    {
        var data = Data(new Row { Text = "" }, new Row { Text = "" });

        var error = Assert.Throws<InvalidOperationException>(() => Context.Transforms.Categorify("Text").Fit(data));

        Assert.That(error!.Message, Does.Contain("'Text' has no category in the training data"));
    }

    [Test]
    public void DatePartOutputClash_RefusesToOverwriteAColumn()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Context.Transforms.AddDateParts("Date").Fit(Data()));

        Assert.That(error!.Message, Does.Contain("output column 'Year' already exists").And.Contain("Prefix"));
    }

    [Test]
    public void BadOptions_AreRejectedWhenTheEstimatorIsCreated()
    {
        Assert.Throws<ArgumentException>(() => Context.Transforms.Normalize(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => Context.Transforms.Categorify(["Text", "Text"]));
        Assert.Throws<ArgumentException>(() => Context.Transforms.FillMissing(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.Categorify(new CategorifyOptions { Columns = ["Text"], MaxCategories = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Context.Transforms.FillMissing(new FillMissingOptions
        {
            Columns = ["Number"],
            Strategy = FillMissingStrategy.Constant,
            FillValue = double.NaN,
        }));
        var nullList = Assert.Throws<ArgumentNullException>(() => Context.Transforms.TabularPreprocess(new TabularPreprocessOptions { CategoricalColumns = null!, ContinuousColumns = ["Number"] }));
        var nullColumns = Assert.Throws<ArgumentNullException>(() => Context.Transforms.Categorify(new CategorifyOptions { Columns = null! }));
        Assert.That(nullList!.Message, Does.StartWith("TabularPreprocess: CategoricalColumns is null; give an empty list for none."));
        Assert.That(nullColumns!.Message, Does.StartWith("Categorify: Columns is null; give an empty list for none."));
    }

    [Test]
    public void CorruptModelFile_FailsOnLoad_WithoutCrashing()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37))]);
        try
        {
            Assert.Catch<Exception>(() => new MLContext().RegisterTabularExtensions().Model.Load(path, out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
