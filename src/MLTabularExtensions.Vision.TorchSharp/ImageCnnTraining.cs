using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Training;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>What <see cref="Learner"/> needs to train an <see cref="ImageCnnModule"/>: the loss of a batch of images (augmented anew every epoch, mixed when asked) and validation after each epoch.</summary>
internal sealed class ImageCnnTraining(ImageCnnOptions options, Device device, CatalogHost host)
{
    private const int ScoringBatch = 64;
    private const float PixelRange = 255;

    public ImageCnnModule Train(ImageCnnShape shape, ImageTable train, ImageTable? valid)
    {
        var (means, stds) = train.ChannelStatistics(shape.Channels);
        using var random = new Generator((ulong)options.ResolvedSeed, device);
        var network = SeededConstruction.Create(() => new ImageCnnModule(shape, means, stds, random));
        return TrainedNetwork.Train(network, model =>
        {
            model.to(device);
            using var optimizer = Optimizer(model);
            // Its own stream (seed + 1) so turning mixing on leaves the shuffle's order unchanged.
            using var mixer = new BatchMixer(options.Mixing, options.MixingAlpha ?? DefaultAlpha(options.Mixing), options.ResolvedSeed + 1);
            var batchSize = Math.Min(options.BatchSize, train.Rows);
            var buffer = new float[batchSize * train.RowLength];
            var labels = new long[batchSize];
            new Learner(options, host, ImageColumns.Trainer).FitOneCycle(model, optimizer, train.Rows, (rows, epoch) =>
            {
                FillBatch(model.Shape, train, rows.data<long>().ToArray(), epoch, buffer, labels);
                return mixer.Loss(model, tensor(buffer, [batchSize, train.RowLength], device: device), tensor(labels, device: device));
            }, () => valid is null ? (null, null) : Evaluate(model, valid), "accuracy");
        });
    }

    private static double DefaultAlpha(BatchMixing mixing) => mixing == BatchMixing.MixUp ? 0.4 : 1.0;

    /// <summary>Copies the batch's images (augmented with this epoch's draws when asked) and labels into the buffers.</summary>
    private void FillBatch(ImageCnnShape shape, ImageTable table, long[] indices, int epoch, float[] buffer, long[] labels)
    {
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
        return (loss, ClassAccuracy.Of(logits, classes, valid.Labels));
    }

    /// <summary>fastai's Adam settings; decoupled weight decay on convolution and linear weights only.</summary>
    private FlatAdamW Optimizer(ImageCnnModule model)
    {
        var decayed = model.parameters().Where(p => p.dim() > 1).ToList();
        var rest = model.parameters().Where(p => p.dim() <= 1).ToList();
        return new FlatAdamW(decayed, rest, options.WeightDecay, beta2: 0.99, epsilon: 1e-5);
    }
}
