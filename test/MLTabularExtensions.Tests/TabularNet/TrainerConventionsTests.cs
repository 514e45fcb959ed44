using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>The trainer behaves as ML.NET's own: a simple overload, options it owns, cancellation.</summary>
public sealed class TrainerConventionsTests
{
    [Test]
    public void SimpleOverload_TakesTheKeyAndNumericColumnsThatTabularPreprocessLeft()
    {
        var context = TestData.Context();
        var (preprocess, train, valid) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(3000, 1), SyntheticTabular.Rows(600, 2));

        using var simple = context.Regression.Trainers.TabularNet("Sales").Fit(train);
        using var named = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            CategoricalColumns = preprocess.CategoricalColumns,
            ContinuousColumns = preprocess.ContinuousColumns,
        }).Fit(train);

        Assert.That(simple.OnnxModel, Is.EqualTo(named.OnnxModel), "the same columns, in the same order, as naming them");
        Assert.That(simple.Transform(valid).Schema["Score"].Type, Is.EqualTo(NumberDataViewType.Single));
    }

    [Test]
    public void Seed_ComesFromTheMLContext_UnlessTheOptionsSetOne()
    {
        byte[] Train(MLContext context, int? seed)
        {
            var (_, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(300, 1), SyntheticTabular.Rows(50, 2));
            using var model = context.Regression.Trainers.TabularNet(new TabularNetOptions { LabelColumnName = "Sales", Layers = [8], Epochs = 1, Seed = seed }).Fit(train);
            return [.. model.OnnxModel];
        }

        var fromContext = Train(new MLContext(seed: 5), seed: null);

        Assert.That(fromContext, Is.EqualTo(Train(new MLContext(seed: 9), seed: 5)), "the options' seed wins over the context's");
        Assert.That(fromContext, Is.Not.EqualTo(Train(new MLContext(seed: 6), seed: null)), "another context seed, another model");
        Assert.That(Train(new MLContext(), seed: null), Is.EqualTo(Train(new MLContext(), seed: 42)), "a context without a seed: 42");
    }

    [Test]
    public void Options_ChangedAfterTheTrainerWasMade_ChangeNothing()
    {
        var context = TestData.Context();
        var (_, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        var epochs = new List<EpochReport>();
        var options = new TabularNetOptions { LabelColumnName = "Sales", Layers = [16], Epochs = 2, Progress = new SynchronousProgress<EpochReport>(epochs.Add) };
        var trainer = context.Regression.Trainers.TabularNet(options);

        options.Epochs = 5;
        options.Layers = [0];
        using var model = trainer.Fit(train);

        Assert.That(epochs, Has.Count.EqualTo(2));
    }

    [Test]
    public void Cancellation_StopsWithinABatch_AndReturnsNoModel()
    {
        var context = TestData.Context();
        var (_, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        using var cancel = new CancellationTokenSource();
        var epochs = new List<EpochReport>();
        var trainer = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            Layers = [16],
            Epochs = 5,
            CancellationToken = cancel.Token,
            Progress = new SynchronousProgress<EpochReport>(report =>
            {
                epochs.Add(report);
                cancel.Cancel();
            }),
        });

        Assert.Throws<OperationCanceledException>(() => trainer.Fit(train));
        Assert.That(epochs, Has.Count.EqualTo(1), "the second epoch's first batch saw the cancellation");
    }

    [Test]
    public void MLContextCancelExecution_StopsWithinABatch()
    {
        var context = TestData.Context();
        var (_, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        var batches = new List<BatchReport>();
        var trainer = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = "Sales",
            Layers = [16],
            Epochs = 5,
            BatchProgress = new SynchronousProgress<BatchReport>(report =>
            {
                batches.Add(report);
                if (report.Batch == 3) CancelExecution(context);
            }),
        });

        var error = Assert.Throws<OperationCanceledException>(() => trainer.Fit(train));
        Assert.That(error!.Message, Does.Contain("MLContext.CancelExecution"));
        Assert.That(batches.Last(), Is.EqualTo(batches.Single(b => b.Epoch == 1 && b.Batch == 3)), "no batch ran after the cancellation");
    }

    [Test]
    public void MLContextCancelExecution_StopsTheLearningRateFinder()
    {
        var context = TestData.Context();
        var (_, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        var trainer = context.Regression.Trainers.TabularNet(new TabularNetOptions { LabelColumnName = "Sales", Layers = [16] });
        CancelExecution(context);

        Assert.Throws<OperationCanceledException>(() => trainer.FindLearningRate(train, steps: 10));
    }

    /// <summary>
    /// What the Microsoft.ML.Experimental package's public <c>CancelExecution</c> extension calls: ML.NET 5 keeps the
    /// method internal, and that package is not on this project's feed.
    /// </summary>
    private static void CancelExecution(MLContext context) =>
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!.Invoke(context, null);
}
