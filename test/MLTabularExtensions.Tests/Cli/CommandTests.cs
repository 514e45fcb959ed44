using MLTabularExtensions.Cli;

namespace MLTabularExtensions.Tests.Cli;

public sealed class CommandTests
{
    [Test]
    public void Train_ThenPredict_OnAGenericCsv()
    {
        using var scratch = ScratchFolder.Create("cli");
        var folder = scratch.Path;
        var csv = Path.Combine(folder, "shops.csv");
        var rows = ShopsCsv.Write(csv, 1500);
        var scores = Path.Combine(folder, "scores.csv");

        var trained = MltabRunner.Run("train", "--data", csv, "--label", "Busy", "--task", "binary",
            "--cat", "Shop", "Weekday", "--cont", "Price", "Temperature", "--date", "Day", "--epochs", "2", "--out", folder);
        var predicted = MltabRunner.Run("predict", "--model", Path.Combine(folder, "model.zip"), "--data", csv, "--out", scores);

        Assert.That(trained.Exit, Is.Zero, trained.Error);
        Assert.That(trained.Output, Does.Contain("epoch 2:").And.Contain("valid accuracy"));
        Assert.That(predicted.Exit, Is.Zero, predicted.Error);
        var lines = File.ReadAllLines(scores);
        Assert.That(lines[0], Is.EqualTo("Score,Probability,PredictedLabel"));
        Assert.That(lines, Has.Length.EqualTo(1501));
        var accuracy = lines.Skip(1).Zip(rows, (line, row) => line.EndsWith(row.Busy ? "true" : "false", StringComparison.Ordinal) ? 1.0 : 0.0).Average();
        Assert.That(accuracy, Is.GreaterThan(0.8));
    }

    [Test]
    public void CommandLineMistakes_ExitWith2_NamingTheProblem_AndPrintTheCommandsUsage()
    {
        var unknown = MltabRunner.Run("train", "--data", "x.csv", "--lable", "y");
        var missing = MltabRunner.Run("predict", "--model", "/nonexistent/model.zip", "--data", "x.csv");

        Assert.That(unknown.Exit, Is.EqualTo(Mltab.UsageError));
        Assert.That(unknown.Error, Does.Contain("--lable").And.Contain("Usage:").And.Contain(" train [options]"));
        Assert.That(missing.Exit, Is.EqualTo(Mltab.UsageError));
        Assert.That(missing.Error, Does.Contain("/nonexistent/model.zip"));
        Assert.That(unknown.Output + missing.Output, Is.Empty);
    }

    [Test]
    public void AnOutThatCannotBeWritten_IsRefusedBeforeAnyWork()
    {
        using var scratch = ScratchFolder.Create("out");
        var folder = scratch.Path;
        var file = Path.Combine(folder, "taken.csv");
        File.WriteAllText(file, "x\n1\n");

        var intoFile = MltabRunner.Run("rossmann", "--epochs", "1", "--out", file);
        var noFolder = MltabRunner.Run("predict", "--model", file, "--data", file, "--out", Path.Combine(folder, "missing", "p.csv"));
        var aFolder = MltabRunner.Run("predict", "--model", file, "--data", file, "--out", folder);

        Assert.That(new[] { intoFile.Exit, noFolder.Exit, aFolder.Exit }, Has.All.EqualTo(Mltab.UsageError));
        Assert.That(intoFile.Error, Does.Contain($"--out names a folder to write into, but '{file}' is a file."));
        Assert.That(noFolder.Error, Does.Contain($"--out: the folder '{Path.Combine(folder, "missing")}' does not exist."));
        Assert.That(aFolder.Error, Does.Contain($"--out names a file to write, but '{folder}' is a folder."));
        Assert.That(intoFile.Output, Is.Empty, "nothing was generated or trained");
    }

    [TestCase("--ps", "0.1 x", "'x'")]
    [TestCase("--wd", "-1", "--wd must be a number ≥ 0, not -1.")]
    [TestCase("--lr", "0", "--lr must be a positive number, not 0.")]
    [TestCase("--lr", "NaN", "--lr must be a positive number, not NaN.")]
    [TestCase("--emb-drop", "1e999", "--emb-drop must be a number ≥ 0, not Infinity.")]
    [TestCase("--layers", "500", "--ps gives 2 dropouts (0.001 0.01) for 1 hidden layer(s) (--layers 500): give at most one per layer.")]
    [TestCase("--layers", "800 0", "--layers takes positive whole numbers, not 0.")]
    public void ABadNumber_FailsBeforeTheDataIsPrepared_NamingTheOption(string option, string values, string message)
    {
        var result = MltabRunner.Run(["rossmann", option, .. values.Split(' ')]);

        Assert.That(result.Exit, Is.EqualTo(Mltab.UsageError));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Output, Is.Empty, "nothing was generated or trained");
    }

    [Test]
    public void Completions_AnswerSystemCommandLinesSuggestDirective()
    {
        var commands = MltabRunner.Run("[suggest:9]", "mltab tra");
        var options = MltabRunner.Run("[suggest:22]", "mltab train --data x --");

        Assert.That(commands.Exit, Is.Zero, commands.Error);
        Assert.That(commands.Output.Split('\n', StringSplitOptions.TrimEntries), Does.Contain("train"));
        Assert.That(options.Output.Split('\n', StringSplitOptions.TrimEntries), Does.Contain("--log-target").And.Contain("--y-range"));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("rossmann --help")]
    public void Help_PrintsTheUsageAndSucceeds(string args)
    {
        // DotnetProcess fails the test unless the exit code is 0.
        var output = DotnetProcess.Run(Path.Combine(TestContext.CurrentContext.TestDirectory, "mltab.dll"), args.Split(' '));

        Assert.That(output, Does.Contain("Usage:").And.Contain("rossmann"));
        Assert.That(output, Does.Contain(args == "rossmann --help" ? "--emb-drop" : "pets"));
    }
}
