using MLTabularExtensions.Cli;

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
}
