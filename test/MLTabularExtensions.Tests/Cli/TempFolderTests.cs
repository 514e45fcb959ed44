using System.Text;

namespace MLTabularExtensions.Tests.Cli;

public sealed class TempFolderTests
{
    [Test]
    public void TrainThenPredict_InProcessesOfTheirOwn_LeaveNoCopyOfTheGraphInTheTempFolder()
    {
        using var scratch = ScratchFolder.Create("temp");
        var folder = scratch.Path;
        var temp = Path.Combine(folder, "tmp");
        Directory.CreateDirectory(temp);
        var csv = Path.Combine(folder, "shops.csv");
        ShopsCsv.Write(csv, 300);

        Run(temp, "train", "--data", csv, "--label", "Busy", "--task", "binary", "--cat", "Shop", "Weekday",
            "--cont", "Price", "Temperature", "--epochs", "1", "--out", folder);
        Run(temp, "predict", "--model", Path.Combine(folder, "model.zip"), "--data", csv, "--out", Path.Combine(folder, "scores.csv"));

        Assert.That(File.ReadAllLines(Path.Combine(folder, "scores.csv")), Has.Length.EqualTo(301), "both runs did their work");
        var marker = Encoding.ASCII.GetBytes("MLTabularExtensions.TabularNet");
        var copies = Directory.GetFiles(temp, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(marker) >= 0);
        Assert.That(copies, Is.Empty, "ONNX graphs left in the temp folder");
    }

    private static void Run(string temp, params string[] arguments) =>
        DotnetProcess.Run(Path.Combine(TestContext.CurrentContext.TestDirectory, "mltab.dll"), arguments,
            new Dictionary<string, string> { ["TMPDIR"] = temp });
}
