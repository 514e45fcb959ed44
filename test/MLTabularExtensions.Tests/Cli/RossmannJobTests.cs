using MLTabularExtensions.Data;

namespace MLTabularExtensions.Tests.Cli;

[Category(TestCategories.Slow)]
public sealed class RossmannJobTests
{
    [Test]
    public void MainJob_OnGeneratedData_TrainsSavesAndReloads()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"rossmann-{Guid.NewGuid():N}");
        try
        {
            var result = MltabRunner.Run("rossmann", "--stores", "6", "--epochs", "2", "--batch-size", "64",
                "--ps", "0.01", "0.1", "--emb-drop", "0.1", "--out", folder);
            var exit = result.Exit;

            var text = result.Output + result.Error;
            Assert.That(exit, Is.Zero, text);
            Assert.That(text, Does.Contain("epoch 2:").And.Contain("valid RMSPE"));
            Assert.That(text, Does.Match(@"reloaded: valid RMSPE 0\.\d{4}"));
            Assert.That(new[] { "model.zip", "loss.png", "valid.csv" }.All(f => File.Exists(Path.Combine(folder, f))), Is.True);
            var png = File.ReadAllBytes(Path.Combine(folder, "loss.png"));
            Assert.That(png[..4], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
            // The validation table reads back whole: PromoInterval's "Jan,Apr,Jul,Oct" stays one field.
            var valid = Path.Combine(folder, "valid.csv");
            var header = CsvData.ReadHeader(valid).ToList();
            var rows = CsvData.ReadFields(valid);
            Assert.That(rows, Is.Not.Empty.And.All.Length.EqualTo(header.Count));
            Assert.That(rows.Select(r => r[header.IndexOf("PromoInterval")]), Has.Some.Contain(','));
            var predict = MltabRunner.Run("predict", "--model", Path.Combine(folder, "model.zip"), "--data", valid);
            Assert.That(predict.Exit, Is.Zero, predict.Error);
            Assert.That(predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(rows.Count + 1));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void MainJob_WithItsDefaults_LearnsTheGeneratedData()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"rossmann-{Guid.NewGuid():N}");
        try
        {
            var result = MltabRunner.Run("rossmann", "--out", folder);
            var exit = result.Exit;

            var text = result.Output + result.Error;
            Assert.That(exit, Is.Zero, text);
            var rmspe = double.Parse(System.Text.RegularExpressions.Regex.Match(text, @"reloaded: valid RMSPE (0\.\d{4})").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            // Each store's own mean over the validation weeks scores 0.18 here. Measured: 0.0955 in this test host
            // (oneMKL's AVX2 kernels), 0.050-0.068 over four seeds in mltab (AVX-512); 60 stores gave 0.095-0.19.
            Assert.That(rmspe, Is.LessThan(0.12), text);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
