using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Model;
using static TorchSharp.torch;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>TabularNet estimates its size before building anything, and refuses a network it should not train.</summary>
public sealed class NetworkSizeTests
{
    private sealed class Row
    {
        public uint Customer { get; set; }
        public float Amount { get; set; }
        public float Label { get; set; }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void TheEstimate_CountsEveryParameterOfTheBuiltNetwork(bool batchNorm)
    {
        var shape = new TabularShape([(1116, 81), (8, 5), (3, 3)], 16, [1000, 500], [0.001, 0.01], 0.04, batchNorm, false, (0f, 10.7f), 1);
        using var random = new Generator(1);
        using var module = new TabularModule(shape, random);

        Assert.That(shape.Parameters, Is.EqualTo(module.parameters().Sum(p => p.numel())));
    }

    [Test]
    public void AMillionLevelCategorical_IsRefusedBeforeTraining_WithTheEstimateAndTheWayOut()
    {
        var context = TestData.Context();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Customer)].ColumnType = new KeyDataViewType(typeof(uint), 1_000_000);
        var data = context.Data.LoadFromEnumerable(
            Enumerable.Range(1, 64).Select(i => new Row { Customer = (uint)i, Amount = i, Label = i % 7 }), schema);
        var trainer = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = nameof(Row.Label),
            CategoricalColumns = [nameof(Row.Customer)],
            ContinuousColumns = [nameof(Row.Amount)],
        });
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data));

        Assert.That(error!.Message, Does.Contain("600,").And.Contain("GB to train").And.Contain("MaxParameters = 100,000,000")
            .And.Contain("'Customer': 1,000,001 rows").And.Contain("MaxCategories").And.Contain("EmbeddingSizes"));
        Assert.That(GC.GetTotalMemory(forceFullCollection: true) - before, Is.LessThan(100_000_000), "refused before allocating the table");

        var narrow = context.Regression.Trainers.TabularNet(new TabularNetOptions
        {
            LabelColumnName = nameof(Row.Label),
            CategoricalColumns = [nameof(Row.Customer)],
            ContinuousColumns = [nameof(Row.Amount)],
            EmbeddingSizes = new Dictionary<string, int> { [nameof(Row.Customer)] = 4 },
            Layers = [8],
            Epochs = 1,
        });
        using var model = narrow.Fit(data);
        Assert.That(model, Is.Not.Null, "the way out the message names trains");
    }
}
