using MLTabularExtensions.Metrics;
using MLTabularExtensions.TorchSharp.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>What <see cref="Learner"/> needs to train a <see cref="TabularModule"/>: the loss of a batch of rows, the epoch's end (precise BatchNorm, validation) and the task's metric.</summary>
internal sealed class TabularNetTraining(TabularNetOptions options, TabularColumns columns, Device device, CatalogHost host)
{
    // As PreciseBatchNorm's batches, whose memory grows with their size (8,192 rows: 450 MB more on the Rossmann lesson).
    private const int ScoringBatch = 1024;

    private readonly Learner _learner = new(options, host, TabularColumns.Trainer);

    public TabularModule Train(TabularShape shape, TabularTable train, TabularTable? valid)
    {
        using var random = new Generator((ulong)options.ResolvedSeed, device);
        return TrainedNetwork.Train(Create(shape, random), model =>
        {
            model.to(device);
            using var optimizer = Optimizer(model);
            _learner.FitOneCycle(model, optimizer, train.Rows, BatchLoss(model, train), () =>
            {
                // Validation and the exported network use the training data's own BatchNorm statistics (PreciseBatchNorm).
                RecomputeBatchNorm(model, train);
                return valid is null ? (null, null) : Evaluate(model, valid);
            }, MetricName);
        });
    }

    /// <summary>fastai's <c>lr_find</c> on a fresh network (see <see cref="Learner.FindLearningRate"/>).</summary>
    public IReadOnlyList<(double LearningRate, double Loss)> FindLearningRate(TabularShape shape, TabularTable train,
        double start, double end, int steps)
    {
        using var random = new Generator((ulong)options.ResolvedSeed, device);
        using var model = Create(shape, random);
        model.to(device);
        using var optimizer = Optimizer(model);
        return _learner.FindLearningRate(model, optimizer, train.Rows, BatchLoss(model, train), start, end, steps);
    }

    private TabularModule Create(TabularShape shape, Generator random) =>
        SeededConstruction.Create(() => new TabularModule(shape, random));

    private Learner.BatchLoss BatchLoss(TabularModule model, TabularTable train) => (rows, _) =>
    {
        var index = rows.to(device);
        return Loss(model.forward(train.Categorical.index_select(0, index), train.Continuous.index_select(0, index)),
            train.Labels.index_select(0, index));
    };

    private void RecomputeBatchNorm(TabularModule model, TabularTable train)
    {
        List<global::TorchSharp.Modules.BatchNorm1d> norms = [.. model.Norms];
        if (model.ContinuousNorm is { } continuous) norms.Insert(0, continuous);
        PreciseBatchNorm.Recompute(model, norms, train.Rows,
            rows => model.forward(train.Categorical.index_select(0, rows.to(device)), train.Continuous.index_select(0, rows.to(device))),
            options.ResolvedSeed);
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
                return ClassAccuracy.Of(outputs, (int)columns.ClassCount, labels.Select(y => (long)y).ToArray());
        }
    }

    private Tensor Loss(Tensor output, Tensor target) => columns.Task switch
    {
        TabularNetTask.Regression => nn.functional.mse_loss(output, target),
        TabularNetTask.BinaryClassification => nn.functional.binary_cross_entropy_with_logits(output, target),
        _ => nn.functional.cross_entropy(output, target),
    };

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
