using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Onnx;
using MLTabularExtensions.TabularPreprocess;
using MLTabularExtensions.Tests.TabularNet;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.Onnx;

public sealed class BatchedScoringTests
{
    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    private static readonly string[] Categorical = ["Shop", "Weekday"];
    private static readonly string[] Continuous = ["Price", "Temperature"];

    private static MemoryStream SavedModel(MLContext context, IEstimator<ITransformer> trainer, IDataView train)
    {
        var pipeline = context.Transforms.TabularPreprocess(new TabularPreprocessOptions { CategoricalColumns = Categorical, ContinuousColumns = Continuous })
            .Append(trainer);
        var model = pipeline.Fit(train);
        var stream = new MemoryStream();
        context.Model.Save(model, train.Schema, stream);
        (model as IDisposable)?.Dispose();
        stream.Position = 0;
        return stream;
    }

    private static TabularNetOptions Options(string label = "Sales") => new()
    {
        LabelColumnName = label,
        CategoricalColumns = [.. Categorical, "Temperature_na"],
        ContinuousColumns = Continuous,
        Layers = [32, 16],
        Epochs = 1,
        BatchSize = 64,
    };

    private static (ITransformer BuiltIn, ITransformer Batched) LoadBoth(MemoryStream zip, BatchedScoringOptions? options = null)
    {
        var context = new MLContext().RegisterTabularExtensions();
        var builtIn = context.Model.Load(zip, out _);
        zip.Position = 0;
        return (builtIn, context.Model.LoadWithBatchedScoring(zip, out _, options));
    }

    private static IEnumerable<ITransformer> Steps(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps) : [model];

    [Test]
    public void Regression_ScoresAsModelLoad_InPartialBatches_AndPassesColumnsThrough()
    {
        var context = TestData.Context();
        using var zip = SavedModel(context, context.Regression.Trainers.TabularNet(Options()), context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1)));
        var (builtIn, batched) = LoadBoth(zip, new BatchedScoringOptions { BatchSize = 7 });
        var test = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(250, 9));

        Assert.That(Steps(batched).OfType<BatchedOnnxTransformer>().Count(), Is.EqualTo(1), "the ONNX step is replaced");
        var expected = builtIn.Transform(test);
        var actual = batched.Transform(test);
        Assert.That(actual.Schema.Select(c => (c.Name, c.Type)), Is.EqualTo(expected.Schema.Select(c => (c.Name, c.Type))));
        Assert.That(actual.Column<float>("Score"), Is.EqualTo(expected.Column<float>("Score")), "250 rows: 35 batches of 7 and one of 5");
        Assert.That(actual.Column<float>("Sales"), Is.EqualTo(test.Column<float>("Sales")));
        Assert.That(actual.Column<uint>("Shop"), Is.EqualTo(expected.Column<uint>("Shop")), "a column the graph reads, passed through");
        (builtIn as IDisposable)?.Dispose();
        (batched as IDisposable)?.Dispose();
    }

    [Test]
    public void PredictionEngine_ScoresEachRowAsModelLoad()
    {
        var context = TestData.Context();
        using var zip = SavedModel(context, context.Regression.Trainers.TabularNet(Options()), context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1)));
        var (builtIn, batched) = LoadBoth(zip);
        var rows = SyntheticTabular.Rows(20, 4);
        using var expected = context.Model.CreatePredictionEngine<SyntheticTabular.Row, Prediction>(builtIn);
        using var actual = context.Model.CreatePredictionEngine<SyntheticTabular.Row, Prediction>(batched);

        var scores = rows.Select(r => actual.Predict(r).Score).ToArray();
        Assert.That(scores, Is.EqualTo(rows.Select(r => expected.Predict(r).Score).ToArray()));
        Assert.That(scores.Distinct().Count(), Is.GreaterThan(10), "each call scores its own row");
        (builtIn as IDisposable)?.Dispose();
        (batched as IDisposable)?.Dispose();
    }

    [Test]
    public void BinaryAndMulticlass_GiveTheSameColumnsAsModelLoad()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1));
        var test = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(130, 3));
        using var binary = SavedModel(context, context.BinaryClassification.Trainers.TabularNet(Options("Busy")), train);
        var (builtIn, batched) = LoadBoth(binary, new BatchedScoringOptions { BatchSize = 16 });
        Assert.That(batched.Transform(test).Column<float>("Probability"), Is.EqualTo(builtIn.Transform(test).Column<float>("Probability")));
        Assert.That(batched.Transform(test).Column<bool>("PredictedLabel"), Is.EqualTo(builtIn.Transform(test).Column<bool>("PredictedLabel")));

        var labels = context.Transforms.Conversion.MapValueToKey("Label", "Level");
        using var multiclass = SavedModel(context, labels.Append(context.MulticlassClassification.Trainers.TabularNet(Options("Label"))), train);
        var (builtInClasses, batchedClasses) = LoadBoth(multiclass, new BatchedScoringOptions { BatchSize = 16 });
        var expected = builtInClasses.Transform(test);
        var actual = batchedClasses.Transform(test);
        Assert.That(actual.Column<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()),
            Is.EqualTo(expected.Column<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray())));
        Assert.That(actual.Column<uint>("PredictedLabel"), Is.EqualTo(expected.Column<uint>("PredictedLabel")));
        foreach (var model in new[] { builtIn, batched, builtInClasses, batchedClasses }) (model as IDisposable)?.Dispose();
    }

    [Test]
    public void SavedAgain_LoadsWithBuiltInsAlone_AndScoresTheSame()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1));
        using var zip = SavedModel(context, context.Regression.Trainers.TabularNet(Options()), train);
        var (builtIn, batched) = LoadBoth(zip);
        using var again = new MemoryStream();
        context.Model.Save(batched, train.Schema, again);
        again.Position = 0;
        var reloaded = new MLContext().RegisterTabularExtensions().Model.Load(again, out _);

        Assert.That(Steps(reloaded).OfType<BatchedOnnxTransformer>(), Is.Empty);
        var test = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(50, 2));
        Assert.That(reloaded.Transform(test).Column<float>("Score"), Is.EqualTo(builtIn.Transform(test).Column<float>("Score")));
        foreach (var model in new[] { builtIn, batched, reloaded }) (model as IDisposable)?.Dispose();
    }

    [Test]
    public void TrainerAloneSaved_IsBatchedToo()
    {
        var context = TestData.Context();
        var (_, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(400, 1), SyntheticTabular.Rows(60, 2));
        using var trained = context.Regression.Trainers.TabularNet(Options()).Fit(train);
        using var zip = new MemoryStream();
        context.Model.Save(trained, train.Schema, zip);
        zip.Position = 0;
        var (builtIn, batched) = LoadBoth(zip);

        Assert.That(Steps(batched).OfType<BatchedOnnxTransformer>().Count(), Is.EqualTo(1));
        Assert.That(batched.Transform(valid).Column<float>("Score"), Is.EqualTo(builtIn.Transform(valid).Column<float>("Score")));
        (builtIn as IDisposable)?.Dispose();
        (batched as IDisposable)?.Dispose();
    }

    [Test]
    public void ModelWithoutOnnx_LoadsUnchanged_AndBadOptionsAreRefused()
    {
        var context = TestData.Context();
        var train = context.Data.LoadFromEnumerable(SyntheticTabular.Rows(100, 1));
        var preprocess = context.Transforms.TabularPreprocess(new TabularPreprocessOptions { CategoricalColumns = Categorical, ContinuousColumns = Continuous }).Fit(train);
        using var zip = new MemoryStream();
        context.Model.Save(preprocess, train.Schema, zip);
        zip.Position = 0;
        var (builtIn, batched) = LoadBoth(zip);
        Assert.That(batched.Transform(train).Column<float>("Price"), Is.EqualTo(builtIn.Transform(train).Column<float>("Price")));

        zip.Position = 0;
        var catalog = new MLContext().RegisterTabularExtensions().Model;
        Assert.That(() => catalog.LoadWithBatchedScoring(zip, out _, new BatchedScoringOptions { BatchSize = 0 }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("BatchSize must be at least 1"));
        Assert.That(() => catalog.LoadWithBatchedScoring(zip, out _, new BatchedScoringOptions { Threads = 0 }),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("Threads must be at least 1"));
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="count"/> threads at once; what each returned or threw.</summary>
    private static (T? Result, Exception? Error)[] OnThreads<T>(int count, Func<int, T> work)
    {
        var outcomes = new (T?, Exception?)[count];
        var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            try
            {
                outcomes[t] = (work(t), null);
            }
            catch (Exception e)
            {
                outcomes[t] = (default, e);
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        return outcomes;
    }

    /// <summary>A regression model saved and loaded both ways, 300 rows to score, and their scores under <c>Model.Load</c>.</summary>
    private static (MLContext Context, ITransformer BuiltIn, ITransformer Batched, SyntheticTabular.Row[] Rows, float[] Expected) Served()
    {
        var context = TestData.Context();
        using var zip = SavedModel(context, context.Regression.Trainers.TabularNet(Options()), context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1)));
        var (builtIn, batched) = LoadBoth(zip);
        var rows = SyntheticTabular.Rows(300, 5);
        return (context, builtIn, batched, rows, builtIn.Transform(context.Data.LoadFromEnumerable(rows)).Column<float>("Score").ToArray());
    }

    [Test]
    public void OneLoadedModel_ScoresTheSame_FromSeveralThreadsAtOnce()
    {
        // A web service's case: one model, an engine per request thread (as PredictionEnginePool keeps them), and bulk
        // Transforms beside them. Engines that share a model must not own it (ML.NET's default disposes it with the engine).
        var (context, builtIn, batched, rows, expected) = Served();
        var shared = new PredictionEngineOptions { OwnsTransformer = false };
        // The model as fitted in this process too: TabularPreprocess computes its columns in one layer there.
        var fitted = context.Transforms.TabularPreprocess(new TabularPreprocessOptions { CategoricalColumns = Categorical, ContinuousColumns = Continuous })
            .Append(context.Regression.Trainers.TabularNet(Options())).Fit(context.Data.LoadFromEnumerable(SyntheticTabular.Rows(600, 1)));
        var fittedScores = fitted.Transform(context.Data.LoadFromEnumerable(rows)).Column<float>("Score").ToArray();

        foreach (var (model, scores) in new (ITransformer, float[])[] { (fitted, fittedScores), (batched, expected), (builtIn, expected) })
        {
            var outcomes = OnThreads(6, t =>
            {
                if (t >= 4) return model.Transform(context.Data.LoadFromEnumerable(rows)).Column<float>("Score").ToArray();
                using var engine = context.Model.CreatePredictionEngine<SyntheticTabular.Row, Prediction>(model, shared);
                return [.. rows.Select(r => engine.Predict(r).Score)];
            });

            Assert.That(outcomes.Select(o => o.Error), Has.All.Null);
            Assert.That(outcomes.Select(o => o.Result), Has.All.EqualTo(scores));
        }
        fitted.Dispose();
        (builtIn as IDisposable)?.Dispose();
        (batched as IDisposable)?.Dispose();
    }

    [Test]
    public void EnginesThatOwnTheModel_FailCleanly_WhenAnotherDisposesIt()
    {
        // ML.NET's default: each engine owns the model, so the first one disposed disposes the model under the others.
        // The batched scorer lets calls in flight finish and refuses later ones; ML.NET's own ONNX transformer crashes.
        var (context, builtIn, batched, rows, expected) = Served();

        var outcomes = OnThreads(4, _ =>
        {
            using var engine = context.Model.CreatePredictionEngine<SyntheticTabular.Row, Prediction>(batched);
            return rows.Select(r => engine.Predict(r).Score).ToArray();
        });
        var after = Assert.Throws<ObjectDisposedException>(() => context.Model.CreatePredictionEngine<SyntheticTabular.Row, Prediction>(batched).Predict(rows[0]));

        Assert.That(outcomes.Where(o => o.Error is null).Select(o => o.Result), Has.All.EqualTo(expected), "an engine that finished scored right");
        Assert.That(outcomes.Where(o => o.Error is not null).Select(o => o.Error), Has.All.TypeOf<ObjectDisposedException>());
        Assert.That(after!.Message, Does.Contain("OwnsTransformer = false"));
        (builtIn as IDisposable)?.Dispose();
    }
}
