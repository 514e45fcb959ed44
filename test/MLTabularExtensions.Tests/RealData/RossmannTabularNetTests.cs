using Microsoft.ML;
using MLTabularExtensions.Cli;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.RealData;

/// <summary>The lesson's data preparation and TabularNet on Kaggle's Rossmann files from ../shared/data (present in CI).</summary>
[Category(TestCategories.Slow)]
public sealed class RossmannTabularNetTests
{
    private static List<LessonRow>? _rows;

    private static List<LessonRow> Rows()
    {
        var folder = TestData.SharedData("rossmann");
        return _rows ??= RossmannLesson.Build(RossmannSourceFiles.Load(TestData.Context(), folder));
    }

    private static (TabularPreprocessTransformer Preprocess, IDataView Train, IDataView Valid) Prepared(MLContext context, int trainRows)
    {
        var rows = Rows();
        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Date < RossmannLesson.ValidationStart).Take(trainRows).ToArray());
        var valid = context.Data.LoadFromEnumerable(rows.Where(r => r.Date >= RossmannLesson.ValidationStart).ToArray());
        var dates = context.Transforms.AddDateParts(nameof(LessonRow.Date)).Fit(train);
        var preprocess = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = LessonRow.CategoricalColumns,
            ContinuousColumns = LessonRow.ContinuousColumns,
        }).Fit(dates.Transform(train));
        return (preprocess, preprocess.Transform(dates.Transform(train)), preprocess.Transform(dates.Transform(valid)));
    }

    [Test]
    public void LessonTable_HasTheLessonsRowsSplitAndMissingValues()
    {
        var rows = Rows();

        Assert.That(rows, Has.Count.EqualTo(844_338));
        Assert.That(rows.Count(r => r.Date >= RossmannLesson.ValidationStart), Is.EqualTo(40_282));
        Assert.That(rows.All(r => r.State.Length > 0 && !float.IsNaN(r.trend) && !float.IsNaN(r.trend_DE)), Is.True);
        Assert.That(rows.Any(r => float.IsNaN(r.CloudCover)), Is.True);
        Assert.That(rows.Select(r => r.Promo2Weeks).Max(), Is.EqualTo(25));
        Assert.That(rows.Select(r => r.CompetitionMonthsOpen).Max(), Is.EqualTo(24));
    }

    [Test]
    public void LessonModel_HasTheLessonsEmbeddingWidthsAndParameterCount()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = Prepared(context, 804_056);
        var options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
        };
        var columns = TabularColumns.Resolve(train.Schema, options, TabularNetTask.Regression, "train");
        var shape = TabularShape.For(columns, options);
        var embeddings = shape.Embeddings.Select(e => (e.Cardinality, e.Width)).ToArray();
        using var random = new Generator(1);
        using var model = new TabularModule(shape, random);

        Assert.That(preprocess.CategoricalColumns, Has.Count.EqualTo(22));
        Assert.That(embeddings.Sum(e => e.Item2), Is.EqualTo(197));
        // fastai's LinBnDrop: Linear layers followed by BatchNorm carry no bias; the output layer does.
        var expected = embeddings.Sum(e => e.Item1 * e.Item2) + 2 * 16 + (197 + 16) * 1000 + 2 * 1000 + 1000 * 500 + 2 * 500 + 500 + 1;
        Assert.That(model.parameters().Sum(p => p.numel()), Is.EqualTo(expected));
        // fastai's model has 809,019 (docs/ROSSMANN.md): one width-5 embedding here has one more category (row) than there.
        Assert.That(expected - 809_019, Is.EqualTo(5));
    }

    [Test]
    public void OnnxScores_EqualTorchSharpEvalModeScores_OnRealData()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = Prepared(context, 60_000);
        var options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
            Layers = [200, 100],
            Dropouts = [0.001, 0.01],
            EmbeddingDropout = 0.04,
            LogTarget = true,
            YRange = (0, 11),
            Epochs = 1,
            BatchSize = 512,
            MaxLearningRate = 3e-3,
        };
        var columns = TabularColumns.Resolve(train.Schema, options, TabularNetTask.Regression, "train");
        using var table = TabularTable.Read(train, columns, true, CPU, "train");
        using var validTable = TabularTable.Read(valid, columns, true, CPU, "valid");
        using var model = new TabularNetTraining(options, columns, CPU, CatalogHost.None).Train(TabularShape.For(columns, options), table, null);
        var torchSales = TabularNetTraining.Predict(model, validTable).Select(MathF.Exp).ToArray();

        using var transformer = TabularNetTransformer.Create(columns, TabularNetOnnxExport.Export(model, columns, true, Scoring.RawOutputRow.Column), train);
        var onnxSales = transformer.Transform(valid).Column<float>("Score");

        Assert.That(onnxSales, Has.Length.EqualTo(40_282));
        var worst = onnxSales.Zip(torchSales, (a, b) => Math.Abs(a - b) / Math.Abs(b)).Max();
        Assert.That(worst, Is.LessThan(1e-5), "largest relative difference in Sales units");
    }
}
