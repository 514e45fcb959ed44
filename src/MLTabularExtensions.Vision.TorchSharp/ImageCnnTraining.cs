using System.Diagnostics;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Training;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>fastai's <c>fit_one_cycle</c> for an <see cref="ImageCnnModule"/>, augmenting each training image anew every epoch.</summary>
internal sealed class ImageCnnLoop(ImageCnnOptions options, Device device, Action<string> log)
{
    private const int ScoringBatch = 64;
    private const float PixelRange = 255;

    public ImageCnnModule Train(ImageCnnShape shape, ImageTable train, ImageTable? valid)
    {
        var (means, stds) = train.ChannelStatistics(shape.Channels);
        return TrainedNetwork.Train(new ImageCnnModule(shape, means, stds), model => Fit(model, train, valid));
    }

    private void Fit(ImageCnnModule model, ImageTable train, ImageTable? valid)
    {
        model.to(device);
        using var optimizer = Optimizer(model);
        var batchSize = Math.Min(options.BatchSize, train.Rows);
        // fastai drops the last incomplete batch (BatchNorm cannot use a batch of one).
        var batches = Math.Max(1, train.Rows / batchSize);
        var schedule = new OneCycleSchedule(options, (long)batches * options.Epochs);
        using var shuffle = new Generator((ulong)options.ResolvedSeed, CPU);
        // Its own stream (seed + 1) so turning mixing on leaves the shuffle's order unchanged.
        using var mixer = new BatchMixer(options.Mixing, options.MixingAlpha ?? DefaultAlpha(options.Mixing), options.ResolvedSeed + 1);
        var buffer = new float[batchSize * train.RowLength];
        var labels = new long[batchSize];
        long step = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            model.train();
            var clock = Stopwatch.StartNew();
            using var order = randperm(train.Rows, generator: shuffle);
            var rows = order.data<long>().ToArray();
            double lossSum = 0;
            for (var b = 0; b < batches; b++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (rate, momentum) = schedule.At(step++);
                FillBatch(model.Shape, train, rows.AsSpan(b * batchSize, batchSize), epoch, buffer, labels);
                var input = tensor(buffer, [batchSize, train.RowLength], device: device);
                var loss = mixer.Loss(model, input, tensor(labels, device: device));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(rate, momentum);
                var value = loss.item<float>();
                Divergence.Check(value, ImageColumns.Trainer, epoch, b + 1, rate);
                lossSum += value;
                if (step % NativeHeap.CheckEverySteps == 0) NativeHeap.TrimIfGrown();
            }
            clock.Stop();
            var (validLoss, accuracy) = valid is null ? ((double?)null, (double?)null) : Evaluate(model, valid);
            var images = (double)batches * batchSize;
            var report = new EpochReport(epoch, lossSum / batches, validLoss, accuracy, "accuracy",
                clock.Elapsed.TotalSeconds, images / clock.Elapsed.TotalSeconds);
            log(report.ToString());
            options.Progress?.Report(report);
        }
    }

    private static double DefaultAlpha(BatchMixing mixing) => mixing == BatchMixing.MixUp ? 0.4 : 1.0;

    /// <summary>Copies the batch's images (augmented with this epoch's draws when asked) and labels into the buffers.</summary>
    private void FillBatch(ImageCnnShape shape, ImageTable table, ReadOnlySpan<long> rows, int epoch, float[] buffer, long[] labels)
    {
        var indices = rows.ToArray();
        var augmentation = options.Augmentation;
        Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount }, k =>
        {
            var row = (int)indices[k];
            var target = buffer.AsSpan(k * table.RowLength, table.RowLength);
            table.Row(row).CopyTo(target);
            labels[k] = table.Labels[row];
            if (augmentation is not null)
                ImageAugmentation.AugmentPixels(target, shape.Channels, shape.Height, shape.Width,
                    AugmentSampler.Draw(augmentation, epoch, row), PixelRange);
        });
    }

    /// <summary>Eval-mode logits [N, classes] for every image.</summary>
    public static float[] Predict(ImageCnnModule model, ImageTable data, Device device)
    {
        model.eval();
        using var noGrad = no_grad();
        var outputs = new List<float>();
        for (var start = 0; start < data.Rows; start += ScoringBatch)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ScoringBatch, data.Rows - start);
            var input = tensor(data.Pixels.AsSpan(start * data.RowLength, length * data.RowLength).ToArray(), [length, data.RowLength], device: device);
            outputs.AddRange(model.forward(input).cpu().data<float>().ToArray());
        }
        return [.. outputs];
    }

    private (double Loss, double Accuracy) Evaluate(ImageCnnModule model, ImageTable valid)
    {
        var logits = Predict(model, valid, device);
        var classes = model.Shape.Classes;
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(tensor(logits, [valid.Rows, classes]), tensor(valid.Labels)).item<float>();
        var correct = 0;
        for (var r = 0; r < valid.Rows; r++)
        {
            var scores = logits.AsSpan(r * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++) if (scores[c] > scores[best]) best = c;
            if (best == valid.Labels[r]) correct++;
        }
        return (loss, (double)correct / valid.Rows);
    }

    /// <summary>fastai's Adam settings; decoupled weight decay on convolution and linear weights only.</summary>
    private FlatAdamW Optimizer(ImageCnnModule model)
    {
        var decayed = model.parameters().Where(p => p.dim() > 1).ToList();
        var rest = model.parameters().Where(p => p.dim() <= 1).ToList();
        return new FlatAdamW(decayed, rest, options.WeightDecay, beta2: 0.99, epsilon: 1e-5);
    }
}
