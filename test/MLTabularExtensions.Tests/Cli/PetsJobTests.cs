using MLTabularExtensions.Cli.Pets;

namespace MLTabularExtensions.Tests.Cli;

[Category(TestCategories.Slow)]
public sealed class PetsJobTests
{
    [Test]
    public void PetsJob_OnGeneratedShapes_ReportsBothAccuracies_PointingGame_AndWritesOverlays()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"pets-{Guid.NewGuid():N}");
        try
        {
            var result = MltabRunner.Run("pets", "--epochs", "3", "--size", "32", "--out", folder);
            var exit = result.Exit;
            var text = result.Output + result.Error;
            Assert.That(exit, Is.Zero, text);
            Assert.That(text, Does.Match(@"Test accuracy: \d+\.\d % without augmentation, \d+\.\d % with"));
            var variants = from kind in new[] { "ChannelMean", "ClassActivation", "GradCam" }
                           from suffix in new[] { "", @"\+flip", @"\+smooth", @"\+flip\+smooth" }
                           select kind + suffix;
            foreach (var row in variants.Prepend("centre").Prepend("chance"))
                Assert.That(text, Does.Match(@"\W" + row + @"\W+\d+\.\d %\W+\d+\.\d %"), "strict and 15-pixel scores, a table row each");
            Assert.That(Directory.GetFiles(folder, "overlay_*.png"), Has.Length.EqualTo(12));
            Assert.That(File.Exists(Path.Combine(folder, "heatmaps.png")) && File.Exists(Path.Combine(folder, "model.zip")), Is.True);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
