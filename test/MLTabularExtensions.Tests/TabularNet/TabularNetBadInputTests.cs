using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.TabularNet;

public sealed class TabularNetBadInputTests
{
    private sealed class Row
    {
        public uint Shop { get; set; }
        public float Price { get; set; }
        public float Sales { get; set; }
        public string Text { get; set; } = "a";
    }

    private static readonly MLContext Context = TestData.Context();

    private static IDataView Data(params Row[] rows)
    {
        // Shop as a key column with 3 values, as Categorify would produce.
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Shop)].ColumnType = new KeyDataViewType(typeof(uint), 3);
        return Context.Data.LoadFromEnumerable(rows, definition);
    }

    private static Row[] Rows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Row { Shop = (uint)(i % 4), Price = i % 7, Sales = 10 + i })];

    private static TabularNetOptions Options(params string[] categorical) => new()
    {
        LabelColumnName = "Sales",
        CategoricalColumns = categorical.Length == 0 ? ["Shop"] : categorical,
        ContinuousColumns = ["Price"],
        Layers = [4],
        Epochs = 1,
        BatchSize = 4,
    };

    private static Exception Fit(IDataView data, TabularNetOptions options) =>
        Assert.Catch(() => Context.Regression.Trainers.TabularNet(options).Fit(data))!;

    [Test]
    public void NaNOrInfiniteLabel_NamesColumnAndRow()
    {
        var rows = Rows(8);
        rows[5].Sales = float.NaN;
        rows[6].Sales = float.PositiveInfinity;

        var error = Fit(Data(rows), Options());

        Assert.That(error.Message, Does.Contain("label column 'Sales' is NaN at row 5"));
    }

    [Test]
    public void LabelsTooLargeForFloat32Losses_StopTrainingAtTheFirstBatch_SayingWhere()
    {
        // Finite labels whose squared error overflows float32: the first batch's loss is +∞.
        var rows = Rows(8);
        foreach (var row in rows) row.Sales = 1e25f;

        var error = Fit(Data(rows), Options());

        Assert.That(error, Is.TypeOf<InvalidOperationException>());
        Assert.That(error.Message, Does.Contain("at epoch 1, batch 1").And.Contain("diverged").And.Contain("MaxLearningRate"));
    }

    [Test]
    public void NonPositiveLabelWithLogTarget_NamesRowAndRule()
    {
        var rows = Rows(8);
        rows[3].Sales = 0;
        var options = Options();
        options.LogTarget = true;

        var error = Fit(Data(rows), options);

        Assert.That(error.Message, Does.Contain("is 0 at row 3").And.Contain("LogTarget needs labels > 0"));
    }

    [Test]
    public void MissingContinuousValue_SaysToFillIt()
    {
        var rows = Rows(8);
        rows[2].Price = float.NaN;

        var error = Fit(Data(rows), Options());

        Assert.That(error.Message, Does.Contain("continuous column 'Price' is NaN at row 2").And.Contain("FillMissing"));
    }

    [Test]
    public void EmptyTrainingData_FailsClearly()
    {
        var error = Fit(Data(), Options());

        Assert.That(error.Message, Does.Contain("the training data has no rows"));
    }

    [Test]
    public void CategoricalColumnThatIsNotAKey_SaysToUseCategorify()
    {
        var error = Fit(Data(Rows(8)), Options("Text"));

        Assert.That(error.Message, Does.Contain("categorical column 'Text'").And.Contain("has type String").And.Contain("Categorify"));
    }

    [Test]
    public void ContinuousVectorOfUnknownSize_IsRejected()
    {
        var data = Context.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(Context.Transforms.Conversion.ConvertType("Words", "Words", DataKind.Single))
            .Fit(Data(Rows(8))).Transform(Data(Rows(8)));
        var options = Options();
        options.ContinuousColumns = ["Words"];

        var error = Assert.Catch(() => Context.Regression.Trainers.TabularNet(options).Fit(data))!;

        Assert.That(error.Message, Does.Contain("continuous column 'Words'").And.Contain("vector of unknown size"));
    }

    [Test]
    public void ValidationDataWithoutAColumn_NamesItAndTheData()
    {
        var options = Options();
        options.ValidationData = Context.Data.LoadFromEnumerable(new[] { new { Price = 1f, Sales = 2f } });

        var error = Fit(Data(Rows(8)), options);

        Assert.That(error.Message, Does.Contain("column 'Shop' was not found in the validation data"));
    }

    [Test]
    public void CudaWithoutAGpu_FailsWithAClearMessage()
    {
        if (global::TorchSharp.torch.cuda.is_available()) Assert.Ignore("This machine has CUDA: the failure case cannot happen here.");
        var options = Options();
        options.Device = ComputeDevice.Cuda;

        var error = Fit(Data(Rows(8)), options);

        Assert.That(error.Message, Does.Contain("the CUDA device was requested (Device = ComputeDevice.Cuda), but no CUDA device is usable"));
    }

    [Test]
    public void MLContextGpuDeviceId_IsFollowed_AndFallsBackToCpuOnlyWhenTheContextAllows()
    {
        if (global::TorchSharp.torch.cuda.is_available()) Assert.Ignore("This machine has CUDA: the failure case cannot happen here.");
        var strict = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = false };
        var error = Assert.Throws<InvalidOperationException>(() => strict.Regression.Trainers.TabularNet(Options()).Fit(Data(Rows(8))));
        Assert.That(error!.Message, Does.Contain("MLContext.GpuDeviceId = 0, FallbackToCpu = false"));

        var lenient = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = true };
        using var model = lenient.Regression.Trainers.TabularNet(Options()).Fit(Data(Rows(8)));
        Assert.That(model.Transform(Data(Rows(3))).Column<float>("Score"), Has.Length.EqualTo(3));

        var options = Options();
        options.Device = ComputeDevice.Cpu;
        using var explicitCpu = strict.Regression.Trainers.TabularNet(options).Fit(Data(Rows(8)));
        Assert.That(explicitCpu.Transform(Data(Rows(3))).Column<float>("Score"), Has.Length.EqualTo(3), "the options override the context");
    }

    [Test]
    public void AutoDevice_FallsBackToCpu()
    {
        var options = Options();
        options.Device = ComputeDevice.Auto;

        using var model = Context.Regression.Trainers.TabularNet(options).Fit(Data(Rows(8)));

        Assert.That(model.Transform(Data(Rows(3))).Column<float>("Score"), Has.Length.EqualTo(3));
    }

    [Test]
    public void BadOptions_NameTheOption()
    {
        var options = Options();
        options.Dropouts = [1.5];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Regression.Trainers.TabularNet(options));
        Assert.That(error!.Message, Does.Contain("Dropouts"));

        var extra = Options();
        extra.Dropouts = [0.1, 0.1];
        error = Assert.Throws<ArgumentOutOfRangeException>(() => Context.Regression.Trainers.TabularNet(extra));
        Assert.That(error!.Message, Does.Contain("Dropouts has 2 values but Layers has 1"));

        var classifier = Options();
        classifier.LogTarget = true;
        Assert.Throws<ArgumentOutOfRangeException>(() => Context.BinaryClassification.Trainers.TabularNet(classifier));
    }

    [Test]
    public void CorruptOrForeignModelZip_FailsOnLoad()
    {
        var folder = TestContext.CurrentContext.WorkDirectory;
        var corrupt = Path.Combine(folder, $"{Guid.NewGuid():N}.zip");
        var foreign = Path.Combine(folder, $"{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(corrupt, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        using (var archive = System.IO.Compression.ZipFile.Open(foreign, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("model.onnx").Open());
            writer.Write("not a model");
        }
        try
        {
            var context = new MLContext().RegisterTabularExtensions();
            Assert.Catch(() => context.Model.Load(corrupt, out _));
            Assert.Catch(() => context.Model.Load(foreign, out _));
        }
        finally
        {
            File.Delete(corrupt);
            File.Delete(foreign);
        }
    }
}
