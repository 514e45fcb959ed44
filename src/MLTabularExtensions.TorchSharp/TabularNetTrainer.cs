using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Scoring;
using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Onnx;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp;

/// <summary>
/// fastai's tabular learner as an ML.NET trainer: entity embeddings for key columns, BatchNorm'd continuous inputs,
/// ReLU blocks, trained by AdamW on fastai's one-cycle schedule with TorchSharp, then exported to ONNX and scored
/// by ML.NET built-ins (see <see cref="TabularNetTransformer"/>).
/// </summary>
public sealed class TabularNetTrainer : IEstimator<TabularNetTransformer>
{
    private readonly TabularNetTask _task;
    private readonly TabularNetOptions _options;
    private readonly CatalogHost _host;

    internal TabularNetTrainer(TabularNetTask task, TabularNetOptions options, CatalogHost host)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The trainer keeps its own copy, validated once: changing the caller's options object later changes nothing.
        _options = options.Copy();
        TabularNetOptionsCheck.Validate(_options, task);
        _task = task;
        _options.Seed ??= host.Seed;
        _host = host;
    }

    /// <summary>Trains on <paramref name="input"/> (the whole table is moved to tensors once) and exports the network.</summary>
    public TabularNetTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = TrainingScope.Enter(_options, _host, TabularColumns.Trainer);
        var device = scope.Device;
        var columns = TabularColumns.Resolve(input.Schema, _options, _task, "the training data");
        var shape = TabularShape.For(columns, _options);
        TabularNetOptionsCheck.CheckSize(shape, columns, _options);
        using var train = TabularTable.Read(input, columns, _options.LogTarget, device, "the training data");
        if (train.Rows < 2 && _options.UseBatchNorm)
            throw new InvalidOperationException($"{TabularColumns.Trainer}: the training data has one row; BatchNorm needs at least two.");
        using var valid = ReadValidation(columns, device);
        var loop = new TabularNetTraining(_options, columns, device, _host);
        using var model = loop.Train(shape, train, valid);
        var onnx = TabularNetOnnxExport.Export(model, columns, _options.LogTarget, RawOutputRow.Column, RawClassRow.Column);
        return TabularNetTransformer.Create(columns, onnx, input);
    }

    /// <summary>
    /// fastai's learning-rate finder: trains a fresh network for up to <paramref name="steps"/> batches while the
    /// learning rate grows exponentially from <paramref name="start"/> to <paramref name="end"/>, and returns the
    /// smoothed loss at each rate (stopping early once the loss explodes). Pick a rate a little before the minimum.
    /// </summary>
    /// <param name="input">Training data.</param>
    /// <param name="start">Smallest learning rate.</param>
    /// <param name="end">Largest learning rate.</param>
    /// <param name="steps">Number of batches (rates) to try.</param>
    public IReadOnlyList<(double LearningRate, double Loss)> FindLearningRate(IDataView input, double start = 1e-7,
        double end = 10, int steps = 100)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(start > 0) || !(end > start) || steps < 2)
            throw new ArgumentOutOfRangeException(nameof(steps), "FindLearningRate needs 0 < start < end and at least 2 steps.");
        using var scope = TrainingScope.Enter(_options, _host, TabularColumns.Trainer);
        var device = scope.Device;
        var columns = TabularColumns.Resolve(input.Schema, _options, _task, "the training data");
        var shape = TabularShape.For(columns, _options);
        TabularNetOptionsCheck.CheckSize(shape, columns, _options);
        using var train = TabularTable.Read(input, columns, _options.LogTarget, device, "the training data");
        return new TabularNetTraining(_options, columns, device, _host).FindLearningRate(shape, train, start, end, steps);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var name in _options.CategoricalColumns.Concat(_options.ContinuousColumns).Append(_options.LabelColumnName))
        {
            if (!inputSchema.Any(c => c.Name == name))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{TabularColumns.Trainer}: column '{name}' was not found in the input.");
        }
        foreach (var name in _options.CategoricalColumns)
        {
            if (!inputSchema.Single(c => c.Name == name).IsKey)
                throw new ArgumentOutOfRangeException(nameof(inputSchema),
                    $"{TabularColumns.Trainer}: categorical column '{name}' is not a key column — turn it into one with mlContext.Transforms.Categorify (or TabularPreprocess) first.");
        }
        return TabularNetTransformer.OutputPlaceholder(new MLContext(), _task, _options.LabelColumnName).GetOutputSchema(inputSchema);
    }

    private TabularTable? ReadValidation(TabularColumns columns, Device device)
    {
        if (_options.ValidationData is not { } data) return null;
        var validColumns = TabularColumns.Resolve(data.Schema, _options, _task, "the validation data");
        columns.CheckSame(validColumns, "the validation data");
        return TabularTable.Read(data, columns, _options.LogTarget, device, "the validation data");
    }
}
