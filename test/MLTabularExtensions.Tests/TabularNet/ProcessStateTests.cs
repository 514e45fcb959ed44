using Microsoft.ML;
using MLTabularExtensions.TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>A trainer is a guest in its host's process: what it changes in libtorch for a Fit, it gives back.</summary>
[NonParallelizable]
public sealed class ProcessStateTests
{
    [Test]
    public void Fit_LeavesTheCallersRandomGeneratorAndThreadCountAsTheyWere()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        var threads = get_num_threads();
        try
        {
            random.manual_seed(123);
            var expected = rand(5).data<float>().ToArray();
            random.manual_seed(123);
            set_num_threads(1);

            using var model = context.Regression.Trainers.TabularNet(Options(preprocess, seed: 7, threads: 2)).Fit(train);

            Assert.That(rand(5).data<float>().ToArray(), Is.EqualTo(expected), "the caller's generator continues where it was");
            Assert.That(get_num_threads(), Is.EqualTo(1), "the caller's thread count is back");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Test]
    public void TwoTrainings_InEitherOrder_GiveTheSameModelsAsEachAlone()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        byte[] Train(int seed)
        {
            // The host draws from the global generator between trainings, as its own code may.
            using var noise = rand(1000);
            using var model = context.Regression.Trainers.TabularNet(Options(preprocess, seed, threads: null)).Fit(train);
            return [.. model.OnnxModel];
        }

        var first = (A: Train(1), B: Train(2));
        var second = (B: Train(2), A: Train(1));

        Assert.That(second.A, Is.EqualTo(first.A));
        Assert.That(second.B, Is.EqualTo(first.B));
        Assert.That(first.B, Is.Not.EqualTo(first.A), "the seed matters");
    }

    [Test]
    public void TwoTrainings_AtOnceOnTwoThreads_GiveTheSameModelsAsEachAlone()
    {
        var context = TestData.Context();
        var (preprocess, train, _) = SyntheticTabular.Prepare(context, SyntheticTabular.Rows(600, 1), SyntheticTabular.Rows(100, 2));
        byte[] Train(int seed)
        {
            using var model = context.Regression.Trainers.TabularNet(Options(preprocess, seed, threads: null)).Fit(train);
            return [.. model.OnnxModel];
        }
        var alone = (A: Train(1), B: Train(2));

        // Besides the two trainings, a third thread keeps drawing from libtorch's global generator, as host code may.
        using var stop = new CancellationTokenSource();
        var host = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var noise = rand(100);
            }
        });
        var together = Task.WhenAll(Task.Run(() => Train(1)), Task.Run(() => Train(2))).GetAwaiter().GetResult();
        stop.Cancel();
        host.GetAwaiter().GetResult();

        Assert.That(together[0], Is.EqualTo(alone.A));
        Assert.That(together[1], Is.EqualTo(alone.B));
    }

    private static TabularNetOptions Options(MLTabularExtensions.TabularPreprocess.TabularPreprocessTransformer preprocess, int seed, int? threads) => new()
    {
        LabelColumnName = "Sales",
        CategoricalColumns = preprocess.CategoricalColumns,
        ContinuousColumns = preprocess.ContinuousColumns,
        Layers = [32, 16],
        Dropouts = [0.1, 0.1],
        EmbeddingDropout = 0.1,
        Epochs = 2,
        BatchSize = 64,
        MaxLearningRate = 1e-2,
        Seed = seed,
        Threads = threads,
    };
}
