using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.Cli;

public sealed class CommandTests
{
    [Test]
    public void Train_ThenPredict_OnAGenericCsv()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var csv = Path.Combine(folder, "shops.csv");
            var rows = ShopsCsv.Write(csv, 1500);
            using var output = new StringWriter();

            var trained = TrainJob.Run(CommandLine.Parse(["train", "--data", csv, "--label", "Busy", "--task", "binary",
                "--cat", "Shop", "Weekday", "--cont", "Price", "Temperature", "--date", "Day", "--epochs", "2", "--out", folder]), output);
            var scores = Path.Combine(folder, "scores.csv");
            var predicted = PredictJob.Run(CommandLine.Parse(["predict", "--model", Path.Combine(folder, "model.zip"), "--data", csv, "--out", scores]), output);

            Assert.That(trained, Is.Zero, output.ToString());
            Assert.That(output.ToString(), Does.Contain("epoch 2:").And.Contain("valid accuracy"));
            Assert.That(predicted, Is.Zero);
            var lines = File.ReadAllLines(scores);
            Assert.That(lines[0], Is.EqualTo("Score,Probability,PredictedLabel"));
            Assert.That(lines, Has.Length.EqualTo(1501));
            var accuracy = lines.Skip(1).Zip(rows, (line, row) => line.EndsWith(row.Busy ? "true" : "false", StringComparison.Ordinal) ? 1.0 : 0.0).Average();
            Assert.That(accuracy, Is.GreaterThan(0.8));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void UnknownOptionsAndMissingFiles_AreReportedClearly()
    {
        using var output = new StringWriter();

        var unknown = Assert.Throws<ArgumentException>(() => TrainJob.Run(CommandLine.Parse(["train", "--data", "x.csv", "--lable", "y"]), output));
        var missing = Assert.Throws<FileNotFoundException>(() => PredictJob.Run(CommandLine.Parse(["predict", "--model", "/nonexistent/model.zip", "--data", "x.csv"]), output));

        Assert.That(unknown!.Message, Does.Contain("--lable"));
        Assert.That(missing, Is.Not.Null);
    }

    [Test]
    public void NumberOptions_TakeZeroWhereItTurnsSomethingOff()
    {
        var line = CommandLine.Parse(["rossmann", "--emb-drop", "0", "--wd", "0", "--ps", "0", "0.1", "--layers", "8", "4"]);

        Assert.That(line.NonNegative("emb-drop", 0.04), Is.Zero);
        Assert.That(line.NonNegative("wd", 0.2), Is.Zero);
        Assert.That(line.NonNegatives("ps", []), Is.EqualTo(new[] { 0, 0.1 }));
        Assert.That(line.PositiveInts("layers", []), Is.EqualTo(new[] { 8, 4 }));
        Assert.That(line.NonNegatives("missing", [0.5]), Is.EqualTo(new[] { 0.5 }));
    }

    [TestCase("--ps", "0.1 x", "--ps must be a number, not 'x'.")]
    [TestCase("--wd", "-1", "--wd must be a number ≥ 0, not '-1'.")]
    [TestCase("--lr", "0", "--lr must be a positive number, not '0'.")]
    [TestCase("--lr", "NaN", "--lr must be a number, not 'NaN'.")]
    [TestCase("--emb-drop", "1e999", "--emb-drop must be a number, not '1e999'.")]
    [TestCase("--layers", "500", "--ps gives 2 dropouts (0.001 0.01) for 1 hidden layer(s) (--layers 500): give at most one per layer.")]
    [TestCase("--layers", "800 0", "--layers must be a positive whole number, not '0'.")]
    public void ABadNumber_FailsBeforeTheDataIsPrepared_NamingTheOption(string option, string values, string message)
    {
        using var output = new StringWriter();

        var error = Assert.Throws<ArgumentException>(() =>
            RossmannJob.Run(CommandLine.Parse(["rossmann", option, .. values.Split(' ')]), output, new ProcessTuningStatus(MklOnAmdStatus.NotApplicable, HeapTuned: false)));

        Assert.That(error!.Message, Is.EqualTo(message));
        Assert.That(output.ToString(), Is.Empty, "nothing was generated or trained");
    }

    [Test]
    public void ABadLayerSize_NamesTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["train", "--layers", "10", "-1"]).PositiveInts("layers", []));

        Assert.That(error!.Message, Is.EqualTo("--layers must be a positive whole number, not '-1'."));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    [TestCase("rossmann --help")]
    public void Help_PrintsTheUsageAndSucceeds(string args)
    {
        // DotnetProcess fails the test unless the exit code is 0.
        var output = DotnetProcess.Run(Path.Combine(TestContext.CurrentContext.TestDirectory, "mltab.dll"), args.Split(' '));

        Assert.That(output, Does.StartWith("usage: mltab rossmann"));
        Assert.That(output, Does.Contain("mltab pets"));
    }
}
