using System.Diagnostics;
using MLTabularExtensions.Metrics;
using MLTabularExtensions.TorchSharp.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>fastai's <c>fit_one_cycle</c> for a <see cref="TabularModule"/>: AdamW, one-cycle schedule, shuffled batches.</summary>
internal sealed class TabularNetLoop(TabularNetOptions options, TabularColumns columns, Device device, Action<string> log)
{
    private const int ScoringBatch = 8192;

    public TabularModule Train(TabularShape shape, TabularTable train, TabularTable? valid)
    {
        return TrainedNetwork.Train(new TabularModule(shape), model => Fit(model, train, valid));
    }

    private void Fit(TabularModule model, TabularTable train, TabularTable? valid)
    {
        model.to(device);
        using var optimizer = Optimizer(model);
        var batches = BatchesPerEpoch(train.Rows);
        var schedule = new OneCycleSchedule(options, (long)batches * options.Epochs);
        using var shuffle = new Generator((ulong)options.ResolvedSeed, CPU);
        var reportEvery = Math.Max(1, batches / 100);
        long step = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            model.train();
            var clock = Stopwatch.StartNew();
            using var order = randperm(train.Rows, generator: shuffle).to(device);
            double lossSum = 0, recentSum = 0;
            var recentCount = 0;
            for (var b = 0; b < batches; b++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (rate, momentum) = schedule.At(step++);
                var index = order.narrow(0, (long)b * options.BatchSize, Math.Min(options.BatchSize, train.Rows));
                var output = model.forward(train.Categorical.index_select(0, index), train.Continuous.index_select(0, index));
                var loss = Loss(output, train.Labels.index_select(0, index));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(rate, momentum);
                var value = loss.item<float>();
                Divergence.Check(value, TabularColumns.Trainer, epoch, b + 1, rate);
                if (step % NativeHeap.CheckEverySteps == 0) NativeHeap.TrimIfGrown();
                lossSum += value;
                recentSum += value;
                recentCount++;
                if (options.BatchProgress is { } progress && ((b + 1) % reportEvery == 0 || b + 1 == batches))
                {
                    progress.Report(new BatchReport(epoch, b + 1, batches, lossSum / (b + 1), recentSum / recentCount));
                    (recentSum, recentCount) = (0, 0);
                }
            }
            clock.Stop();
            // Validation and the exported network use the training data's own BatchNorm statistics (PreciseBatchNorm).
            RecomputeBatchNorm(model, train);
            var trained = (double)batches * Math.Min(options.BatchSize, train.Rows);
            var (validLoss, metric) = valid is null ? ((double?)null, (double?)null) : Evaluate(model, valid);
            var report = new EpochReport(epoch, lossSum / batches, validLoss, metric, MetricName,
                clock.Elapsed.TotalSeconds, trained / clock.Elapsed.TotalSeconds);
            log(report.ToString());
            options.Progress?.Report(report);
        }
    }

    private void RecomputeBatchNorm(TabularModule model, TabularTable train)
    {
        List<global::TorchSharp.Modules.BatchNorm1d> norms = [.. model.Norms];
        if (model.ContinuousNorm is { } continuous) norms.Insert(0, continuous);
        PreciseBatchNorm.Recompute(model, norms, train.Rows,
            rows => model.forward(train.Categorical.index_select(0, rows.to(device)), train.Continuous.index_select(0, rows.to(device))),
            options.ResolvedSeed);
    }

    /// <summary>fastai's <c>lr_find</c>: exponentially growing rate, smoothed loss, stop when it explodes.</summary>
    public IReadOnlyList<(double LearningRate, double Loss)> FindLearningRate(TabularShape shape, TabularTable train,
        double start, double end, int steps)
    {
        using var model = new TabularModule(shape);
        model.to(device);
        model.train();
        using var optimizer = Optimizer(model);
        using var shuffle = new Generator((ulong)options.ResolvedSeed, CPU);
        var batchSize = Math.Min(options.BatchSize, train.Rows);
        var curve = new List<(double, double)>(steps);
        double smoothed = 0, best = double.MaxValue;
        Tensor? order = null;
        try
        {
            for (var step = 0; step < steps; step++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                var batch = (int)(step % Math.Max(1, train.Rows / batchSize));
                if (batch == 0)
                {
                    order?.Dispose();
                    order = randperm(train.Rows, generator: shuffle).to(device);
                }
                using var scope = NewDisposeScope();
                var rate = start * Math.Pow(end / start, (double)step / (steps - 1));
                var index = order!.narrow(0, batch * batchSize, batchSize);
                var loss = Loss(model.forward(train.Categorical.index_select(0, index), train.Continuous.index_select(0, index)),
                    train.Labels.index_select(0, index));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(rate, options.MaxMomentum);
                // fastai's exponentially weighted loss with bias correction (β = 0.98).
                smoothed = 0.98 * smoothed + 0.02 * loss.item<float>();
                var debiased = smoothed / (1 - Math.Pow(0.98, step + 1));
                curve.Add((rate, debiased));
                best = Math.Min(best, debiased);
                if (!double.IsFinite(debiased) || debiased > 4 * best) break;
            }
        }
        finally
        {
            order?.Dispose();
        }
        return curve;
    }

    /// <summary>The task's metric name: RMSPE (log target) or RMSE for regression, accuracy for classifiers.</summary>
    public string MetricName => columns.Task switch
    {
        TabularNetTask.Regression => options.LogTarget ? "RMSPE" : "RMSE",
        _ => "accuracy",
    };

    /// <summary>Eval-mode network outputs for every row, [N, outputs] in training units.</summary>
    public static float[] Predict(TabularModule model, TabularTable data)
    {
        model.eval();
        using var noGrad = no_grad();
        var outputs = new List<float>();
        for (long start = 0; start < data.Rows; start += ScoringBatch)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ScoringBatch, data.Rows - start);
            var output = model.forward(data.Categorical.narrow(0, start, length), data.Continuous.narrow(0, start, length));
            outputs.AddRange(output.cpu().data<float>().ToArray());
        }
        return [.. outputs];
    }

    private (double Loss, double Metric) Evaluate(TabularModule model, TabularTable valid)
    {
        var outputs = Predict(model, valid);
        using var scope = NewDisposeScope();
        var prediction = tensor(outputs, [valid.Rows, columns.Task == TabularNetTask.MulticlassClassification ? (long)columns.ClassCount : 1], device: device);
        var loss = Loss(prediction, valid.Labels).item<float>();
        return (loss, Metric(outputs, valid));
    }

    private double Metric(float[] outputs, TabularTable valid)
    {
        var labels = valid.RawLabels;
        switch (columns.Task)
        {
            case TabularNetTask.Regression when options.LogTarget:
                return Rmspe.Compute(labels.Select(v => (double)v), outputs.Select(o => Math.Exp(o)));
            case TabularNetTask.Regression:
                return Math.Sqrt(labels.Zip(outputs, (y, p) => (double)(y - p) * (y - p)).Average());
            case TabularNetTask.BinaryClassification:
                return labels.Zip(outputs, (y, logit) => (logit > 0) == (y > 0.5f) ? 1.0 : 0.0).Average();
            default:
                var classes = (int)columns.ClassCount;
                return labels.Select((y, row) =>
                {
                    var scores = outputs.AsSpan(row * classes, classes);
                    var best = 0;
                    for (var c = 1; c < classes; c++) if (scores[c] > scores[best]) best = c;
                    return best == (int)y ? 1.0 : 0.0;
                }).Average();
        }
    }

    private Tensor Loss(Tensor output, Tensor target) => columns.Task switch
    {
        TabularNetTask.Regression => nn.functional.mse_loss(output, target),
        TabularNetTask.BinaryClassification => nn.functional.binary_cross_entropy_with_logits(output, target),
        _ => nn.functional.cross_entropy(output, target),
    };

    private int BatchesPerEpoch(long rows)
    {
        // fastai drops the last incomplete training batch (BatchNorm cannot use a batch of one).
        var batches = rows / options.BatchSize;
        return (int)Math.Max(1, batches);
    }

    /// <summary>fastai's Adam settings (β2 0.99, ε 1e-5) on the model as it sits on the device.</summary>
    private FlatAdamW Optimizer(TabularModule model)
    {
        // Decoupled weight decay on embeddings and linear weights only (fastai's wd_bn_bias=False).
        var decayed = model.Linears.Select(l => l.weight!).ToList();
        if (model.Embeddings is { } embeddings) decayed.Insert(0, embeddings.Weight);
        var decayedSet = decayed.ToHashSet();
        var rest = model.parameters().Where(p => !decayedSet.Contains(p)).ToList();
        return new FlatAdamW(decayed, rest, options.WeightDecay, beta2: 0.99, epsilon: 1e-5);
    }
}
