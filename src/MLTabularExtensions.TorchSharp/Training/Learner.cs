using System.Diagnostics;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// fastai's <c>Learner</c> loop, shared by every trainer here: shuffled batches of row indices, the schedule's learning
/// rate and momentum, forward/backward/AdamW step, cancellation (the options' token and <c>MLContext.CancelExecution</c>)
/// checked before every batch, and the heap kept in bounds. A trainer plugs in the loss of a batch of rows and what
/// happens after an epoch; <see cref="FitOneCycle"/> and <see cref="FindLearningRate"/> are the two schedules on it.
/// </summary>
internal sealed class Learner(OneCycleOptions options, CatalogHost host, string trainer)
{
    /// <summary>The training loss of one batch, in training mode. Arguments: the batch's row indices (int64, on the CPU), the 1-based epoch.</summary>
    public delegate Tensor BatchLoss(Tensor rows, int epoch);

    /// <summary>fastai's <c>fit_one_cycle</c>: <see cref="OneCycleOptions.Epochs"/> epochs on the one-cycle schedule.</summary>
    /// <param name="model">The network, on the training device.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="loss">The loss of a batch.</param>
    /// <param name="evaluate">After each epoch, in eval mode: validation loss and metric, or nulls without validation data.</param>
    /// <param name="metricName">The metric's name in the epoch reports.</param>
    public void FitOneCycle(nn.Module model, FlatAdamW optimizer, long rows, BatchLoss loss,
        Func<(double? Loss, double? Metric)> evaluate, string metricName)
    {
        var (batchSize, batches) = Batches(rows);
        var schedule = new OneCycleSchedule(options, (long)batches * options.Epochs);
        var reportEvery = Math.Max(1, batches / 100);
        double lossSum = 0, recentSum = 0;
        var recentCount = 0;
        var clock = new Stopwatch();
        Run(model, optimizer, rows, (long)batches * options.Epochs, schedule.At, loss, _ =>
        {
            (lossSum, recentSum, recentCount) = (0, 0, 0);
            clock.Restart();
        }, (epoch, batch, value, rate) =>
        {
            Divergence.Check(value, trainer, epoch, batch, rate);
            lossSum += value;
            recentSum += value;
            recentCount++;
            if (options.BatchProgress is { } progress && (batch % reportEvery == 0 || batch == batches))
            {
                progress.Report(new BatchReport(epoch, batch, batches, lossSum / batch, recentSum / recentCount));
                (recentSum, recentCount) = (0, 0);
            }
            if (batch < batches) return true;
            clock.Stop();
            // The end-of-epoch passes run batches of other shapes than the training steps, which the steps' freed blocks
            // do not fit: hand those back before the passes, and the passes' own blocks after, which the next steps
            // would not reuse (they kept the process 160 MB larger). On the Rossmann lesson on an Intel Xeon the passes
            // took the process to 786-885 MB with the first trim, to 819-1,043 MB without it.
            NativeHeap.Trim();
            var (validLoss, metric) = evaluate();
            NativeHeap.Trim();
            var report = new EpochReport(epoch, lossSum / batches, validLoss, metric, metricName,
                clock.Elapsed.TotalSeconds, (double)batches * batchSize / clock.Elapsed.TotalSeconds);
            host.Log(report.ToString());
            options.Progress?.Report(report);
            return true;
        });
    }

    /// <summary>
    /// fastai's <c>lr_find</c>: the learning rate grows exponentially from <paramref name="start"/> to
    /// <paramref name="end"/> over <paramref name="steps"/> batches; returns the smoothed loss at each rate and stops
    /// once it is not finite or exceeds four times its minimum.
    /// </summary>
    public IReadOnlyList<(double LearningRate, double Loss)> FindLearningRate(nn.Module model, FlatAdamW optimizer,
        long rows, BatchLoss loss, double start, double end, int steps)
    {
        var curve = new List<(double, double)>(steps);
        double smoothed = 0, best = double.MaxValue;
        Run(model, optimizer, rows, steps, step => (start * Math.Pow(end / start, (double)step / (steps - 1)), options.MaxMomentum), loss,
            _ => { }, (_, _, value, rate) =>
            {
                // fastai's exponentially weighted loss with bias correction (β = 0.98).
                smoothed = 0.98 * smoothed + 0.02 * value;
                var debiased = smoothed / (1 - Math.Pow(0.98, curve.Count + 1));
                curve.Add((rate, debiased));
                best = Math.Min(best, debiased);
                return double.IsFinite(debiased) && debiased <= 4 * best;
            });
        return curve;
    }

    /// <summary>fastai drops the last incomplete batch (BatchNorm cannot use a batch of one).</summary>
    private (int Size, int PerEpoch) Batches(long rows)
    {
        var size = (int)Math.Min(options.BatchSize, rows);
        return (size, (int)Math.Max(1, rows / size));
    }

    /// <summary>Runs <paramref name="steps"/> batches, reshuffling at the start of every epoch.</summary>
    /// <param name="model">The network, on the training device.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="steps">Batches in all.</param>
    /// <param name="schedule">Learning rate and momentum of a 0-based step.</param>
    /// <param name="loss">The loss of a batch.</param>
    /// <param name="startEpoch">Called with the 1-based epoch before its first batch.</param>
    /// <param name="afterBatch">Called with the epoch, the 1-based batch of the epoch, its loss and learning rate; false stops training.</param>
    private void Run(nn.Module model, FlatAdamW optimizer, long rows, long steps, Func<long, (double Rate, double Momentum)> schedule,
        BatchLoss loss, Action<int> startEpoch, Func<int, int, float, double, bool> afterBatch)
    {
        var (batchSize, batches) = Batches(rows);
        // Its own stream: the order of the rows does not depend on how many numbers the network drew.
        using var shuffle = new Generator((ulong)options.ResolvedSeed, CPU);
        long step = 0;
        for (var epoch = 1; step < steps; epoch++)
        {
            model.train();
            using var order = randperm(rows, generator: shuffle);
            startEpoch(epoch);
            for (var b = 0; b < batches && step < steps; b++)
            {
                ThrowIfCanceled();
                using var scope = NewDisposeScope();
                var (rate, momentum) = schedule(step++);
                var value = loss(order.narrow(0, (long)b * batchSize, batchSize), epoch);
                // The optimizer's step left the gradients at zero.
                value.backward();
                optimizer.Step(rate, momentum);
                if (step % NativeHeap.CheckEverySteps == 0) NativeHeap.TrimIfGrown();
                if (!afterBatch(epoch, b + 1, value.item<float>(), rate)) return;
            }
        }
    }

    private void ThrowIfCanceled()
    {
        options.CancellationToken.ThrowIfCancellationRequested();
        if (host.IsCanceled()) throw new OperationCanceledException($"{trainer}: training was canceled by MLContext.CancelExecution().");
    }
}
