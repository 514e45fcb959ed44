using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using MLTabularExtensions.Cli;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Tests.Cli;

/// <summary>Every bad input to <c>mltab train</c>/<c>predict</c> gets exit code 1 and a message naming where; no usage text, no partial output.</summary>
[Category(TestCategories.Slow)]
public sealed class BadInputTests
{
    private string _folder = "";
    private string _csv = "";
    private string _model = "";

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"badinput-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _csv = Path.Combine(_folder, "shops.csv");
        ShopsCsv.Write(_csv, 600);
        var trained = MltabRunner.Run("train", "--data", _csv, "--label", "Price", "--cat", "Shop", "Weekday", "--cont", "Temperature",
            "--date", "Day", "--epochs", "1", "--out", _folder);
        Assert.That(trained.Exit, Is.Zero, trained.Error);
        _model = Path.Combine(_folder, "model.zip");
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    /// <summary>The shops CSV with one field of line <paramref name="line"/> (1 = header) replaced.</summary>
    private string Edited(string name, int line, string column, string value, bool dropLabel = false)
    {
        var lines = File.ReadAllLines(_csv);
        var header = lines[0].Split(',');
        var index = Array.IndexOf(header, column);
        var fields = lines[line - 1].Split(',');
        fields[index] = value;
        lines[line - 1] = string.Join(",", fields);
        if (dropLabel)
        {
            var label = Array.IndexOf(header, "Price");
            lines = [.. lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != label)))];
        }
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void Predict_DoesNotNeedTheLabel()
    {
        var unlabelled = Edited("nolabel.csv", 2, "Shop", "A", dropLabel: true);

        var result = MltabRunner.Run("predict", "--model", _model, "--data", unlabelled);

        Assert.That(result.Exit, Is.Zero, result.Error);
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(601));
    }

    [Test]
    public void AWordInANumberColumn_IsNamed_InPredictAndTrain_AndNoOutputFileIsWritten()
    {
        var bad = Edited("word.csv", 12, "Temperature", "abc");
        var scores = Path.Combine(_folder, "word-scores.csv");

        var predict = MltabRunner.Run("predict", "--model", _model, "--data", bad, "--out", scores);
        var train = MltabRunner.Run("train", "--data", bad, "--label", "Price", "--cont", "Temperature", "--epochs", "1", "--out", Path.Combine(_folder, "word"));

        foreach (var result in new[] { predict, train })
        {
            Assert.That(result.Exit, Is.EqualTo(Mltab.DataError));
            Assert.That(result.Error, Does.Contain($"'{bad}', line 12, column 'Temperature': 'abc' is not a number"));
            Assert.That(result.Error, Does.Not.Contain("Usage:"));
        }
        Assert.That(File.Exists(scores) || File.Exists(scores + ".partial"), Is.False);
        Assert.That(File.Exists(Path.Combine(_folder, "word", "model.zip")), Is.False);
    }

    [Test]
    public void AnUnparsableDate_AndATextLabelForABinaryTask_AreNamed()
    {
        var date = Edited("date.csv", 7, "Day", "31/02/2015");
        var text = Edited("text.csv", 3, "Busy", "yes");

        var badDate = MltabRunner.Run("predict", "--model", _model, "--data", date);
        var textLabel = MltabRunner.Run("train", "--data", text, "--label", "Busy", "--task", "binary", "--cat", "Shop", "--epochs", "1", "--out", _folder);

        Assert.That(badDate.Exit, Is.EqualTo(Mltab.DataError));
        Assert.That(badDate.Error, Does.Contain("line 7, column 'Day': '31/02/2015' is not a date"));
        Assert.That(badDate.Output, Does.Not.Contain("Score"), "nothing printed before the whole input scored");
        Assert.That(textLabel.Exit, Is.EqualTo(Mltab.DataError));
        Assert.That(textLabel.Error, Does.Contain("line 3, column 'Busy': 'yes' is not a Boolean"));
        Assert.That(badDate.Error + textLabel.Error, Does.Not.Contain("Usage:").And.Not.Contain("Splitter/consolidator"));
    }

    [Test]
    public void AMissingLabel_IsNamed_AndNoModelIsWritten()
    {
        var missing = Edited("emptylabel.csv", 9, "Price", "");
        var folder = Path.Combine(_folder, "emptylabel");

        var result = MltabRunner.Run("train", "--data", missing, "--label", "Price", "--cont", "Temperature", "--epochs", "1", "--out", folder);

        Assert.That(result.Exit, Is.EqualTo(Mltab.DataError));
        Assert.That(result.Error, Does.Contain($"'{missing}', line 9, column 'Price': is empty; every row needs a value in this column"));
        Assert.That(File.Exists(Path.Combine(folder, "model.zip")), Is.False);
    }

    [Test]
    public void NumbersOnTheCommandLine_AndTheModel_ReadTheSame_WhereTheDecimalSeparatorIsAComma()
    {
        string Losses(MltabRunner.Result result) =>
            string.Join("\n", result.Output.Split('\n').Where(l => l.StartsWith("epoch", StringComparison.Ordinal)).Select(l => Regex.Replace(l, @", [\d.]+ s \(.*$", "")));
        MltabRunner.Result Train(string lr) => MltabRunner.Run("train", "--data", _csv, "--label", "Price", "--cat", "Shop", "--cont", "Temperature",
            "--date", "Day", "--epochs", "2", "--lr", lr, "--wd", "0.05", "--out", Path.Combine(_folder, "culture"));
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = Train("0.02");
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var german = Train("0.02");
            var comma = Train("0,02");
            var predicted = MltabRunner.Run("predict", "--model", Path.Combine(_folder, "culture", "model.zip"), "--data", _csv);

            Assert.That(invariant.Exit, Is.Zero, invariant.Error);
            Assert.That(german.Exit, Is.Zero, german.Error);
            Assert.That(Losses(german), Is.EqualTo(Losses(invariant)).And.Contain("epoch 2"), "de-DE read 0.02 as 2 (a thousands separator)");
            Assert.That(comma.Exit, Is.EqualTo(Mltab.UsageError));
            Assert.That(comma.Error, Does.Contain("--lr takes numbers written as 0.01 or 1e-3, not '0,02'."));
            Assert.That(predicted.Exit, Is.Zero, predicted.Error);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void InfinityAtPrediction_IsNamed()
    {
        var infinite = Edited("inf.csv", 5, "Temperature", "inf");

        var result = MltabRunner.Run("predict", "--model", _model, "--data", infinite);

        Assert.That(result.Exit, Is.EqualTo(Mltab.DataError));
        Assert.That(result.Error, Does.Contain("line 5, column 'Temperature': 'inf' is infinite"));
    }

    [Test]
    public void GzipFiles_TrainAndPredict()
    {
        var zipped = Path.Combine(_folder, "shops.csv.gz");
        using (var file = File.Create(zipped))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(File.ReadAllBytes(_csv));

        var train = MltabRunner.Run("train", "--data", zipped, "--label", "Price", "--cat", "Shop", "--epochs", "1", "--out", Path.Combine(_folder, "gz"));
        var predict = MltabRunner.Run("predict", "--model", Path.Combine(_folder, "gz", "model.zip"), "--data", zipped);

        Assert.That(train.Exit, Is.Zero, train.Error);
        Assert.That(predict.Exit, Is.Zero, predict.Error);
        Assert.That(predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(601));
    }

    [Test]
    public void Multiclass_LogTarget_AndYRange()
    {
        var multiclass = MltabRunner.Run("train", "--data", _csv, "--label", "Shop", "--task", "multiclass", "--cont", "Price", "Temperature",
            "--epochs", "1", "--out", Path.Combine(_folder, "multi"));
        var classes = MltabRunner.Run("predict", "--model", Path.Combine(_folder, "multi", "model.zip"), "--data", _csv);
        var counts = MltabRunner.Run("train", "--data", _csv, "--label", "Price", "--cat", "Shop", "--log-target", "--y-range", "0", "6",
            "--epochs", "1", "--out", Path.Combine(_folder, "log"));
        var positive = MltabRunner.Run("predict", "--model", Path.Combine(_folder, "log", "model.zip"), "--data", _csv);
        var misuse = MltabRunner.Run("train", "--data", _csv, "--label", "Busy", "--task", "binary", "--log-target", "--out", _folder);

        Assert.That(multiclass.Exit, Is.Zero, multiclass.Error);
        Assert.That(classes.Exit, Is.Zero, classes.Error);
        var header = classes.Output.Split('\n')[0].Split(',');
        Assert.That(header.Last(), Is.EqualTo("PredictedLabel"));
        Assert.That(header.Count(h => h.StartsWith("Score_", StringComparison.Ordinal)), Is.GreaterThan(1), "one score per class, by name");
        Assert.That(counts.Exit, Is.Zero, counts.Error);
        var scores = positive.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(float.Parse).ToArray();
        Assert.That(scores, Has.Length.EqualTo(600).And.All.GreaterThan(0f), "a log target never predicts a negative value");
        Assert.That(misuse.Exit, Is.EqualTo(Mltab.UsageError));
        Assert.That(misuse.Error, Does.Contain("--log-target and --y-range apply to regression"));
    }

    [Test]
    public void ClassNamesWithCommasAndQuotes_AreQuotedInThePredictionsFile()
    {
        // Each shop becomes a class name such as: A, "the A".
        var named = Path.Combine(_folder, "named.csv");
        File.WriteAllLines(named, File.ReadAllLines(_csv).Select((l, i) => i == 0 ? l : $"\"{l[..l.IndexOf(',')]}, \"\"the {l[..l.IndexOf(',')]}\"\"\"{l[l.IndexOf(',')..]}"));
        var folder = Path.Combine(_folder, "named");
        var scores = Path.Combine(folder, "scores.csv");

        var train = MltabRunner.Run("train", "--data", named, "--label", "Shop", "--task", "multiclass", "--cont", "Price", "Temperature",
            "--epochs", "1", "--out", folder);
        var predict = MltabRunner.Run("predict", "--model", Path.Combine(folder, "model.zip"), "--data", named, "--out", scores);

        Assert.That(train.Exit, Is.Zero, train.Error);
        Assert.That(predict.Exit, Is.Zero, predict.Error);
        var classes = CsvData.ReadFields(named).Select(f => f[0]).Distinct().ToArray();
        var header = CsvData.ReadHeader(scores);
        var rows = CsvData.ReadFields(scores);
        Assert.That(classes, Has.Length.GreaterThan(1).And.All.Contain(", \"the "));
        Assert.That(header.SkipLast(1), Is.EquivalentTo(classes.Select(c => $"Score_{c}")));
        Assert.That(header[^1], Is.EqualTo("PredictedLabel"));
        Assert.That(rows, Has.Count.EqualTo(600).And.All.Length.EqualTo(header.Count), "every row splits into as many fields as the header");
        Assert.That(rows.Select(r => r[^1]).Distinct(), Is.SubsetOf(classes));
    }

    [Test]
    public void LearningRateFinder_PrintsFastaisSuggestion_AndWritesTheCurve()
    {
        var folder = Path.Combine(_folder, "lr");

        var result = MltabRunner.Run("lr-find", "--data", _csv, "--label", "Price", "--cat", "Shop", "--cont", "Temperature", "--out", folder);

        Assert.That(result.Exit, Is.Zero, result.Error);
        var suggested = System.Text.RegularExpressions.Regex.Match(result.Output, @"--lr ([0-9.eE+-]+)");
        Assert.That(suggested.Success, Is.True, result.Output);
        Assert.That(double.Parse(suggested.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1e-7, 10));
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "lr-find.png"))[..4], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
    }

    [Test]
    public void AnInterruptedTraining_SaysSo_AndWritesNothing()
    {
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        var folder = Path.Combine(_folder, "interrupted");

        var result = MltabRunner.Run(interrupt.Token, "train", "--data", _csv, "--label", "Price", "--cat", "Shop", "--epochs", "1", "--out", folder);

        Assert.That(result.Exit, Is.EqualTo(Mltab.Interrupted));
        Assert.That(result.Error, Does.Contain("train was interrupted and stopped; nothing was written"));
        Assert.That(Directory.Exists(folder), Is.False);
    }
}
