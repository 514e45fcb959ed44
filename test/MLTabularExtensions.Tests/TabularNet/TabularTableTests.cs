using Microsoft.ML;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularTableTests
{
    private static IEnumerable<SyntheticTabular.Row> Streamed(SyntheticTabular.Row[] rows)
    {
        foreach (var row in rows) yield return row;
    }

    [Test]
    public void Read_FillsEveryRowAcrossChunks_WhenTheRowCountIsUnknown()
    {
        var context = TestData.Context();
        // 40,000 rows: two whole chunks of 16,384 and a shorter last one; a streamed source does not know its count.
        var rows = SyntheticTabular.Rows(40_000, 3);
        var (_, train, _) = SyntheticTabular.Prepare(context, rows, rows[..10]);
        var streamed = SyntheticTabular.Prepare(context, rows, rows[..10]).Preprocess.Transform(context.Data.LoadFromEnumerable(Streamed(rows)));
        Assert.That(streamed.GetRowCount(), Is.Null, "the count pass is exercised");
        var options = new TabularNetOptions { LabelColumnName = "Sales", CategoricalColumns = ["Shop", "Weekday"], ContinuousColumns = ["Price", "Temperature"] };
        var columns = TabularColumns.Resolve(streamed.Schema, options, TabularNetTask.Regression, "data");

        using var table = TabularTable.Read(streamed, columns, logTarget: false, CPU, "data");

        Assert.That(table.Rows, Is.EqualTo(40_000));
        Assert.That(table.Categorical.data<int>().ToArray(), Is.EqualTo(
            train.Column<uint>("Shop").Zip(train.Column<uint>("Weekday"), (shop, day) => new[] { (int)shop, (int)day }).SelectMany(p => p).ToArray()));
        Assert.That(table.Continuous.data<float>().ToArray(), Is.EqualTo(
            train.Column<float>("Price").Zip(train.Column<float>("Temperature"), (price, temperature) => new[] { price, temperature }).SelectMany(p => p).ToArray()));
        Assert.That(table.RawLabels, Is.EqualTo(rows.Select(r => r.Sales).ToArray()));
    }
}
