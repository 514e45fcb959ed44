using MLTabularExtensions.Cli;
using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Tests.Cli;

public sealed class PreprocessJobTests
{
    [Test]
    public void SyntheticRossmann_IsDeterministic_AndHasMissingStoreValues()
    {
        var first = SyntheticRossmann.Generate(stores: 20, seed: 5);
        var second = SyntheticRossmann.Generate(stores: 20, seed: 5);
        var other = SyntheticRossmann.Generate(stores: 20, seed: 6);

        Assert.That(first.Select(r => (r.Store, r.Date, r.Sales)), Is.EqualTo(second.Select(r => (r.Store, r.Date, r.Sales))));
        Assert.That(first.Select(r => r.Sales), Is.Not.EqualTo(other.Select(r => r.Sales)));
        Assert.That(first, Has.Count.EqualTo(20 * 942));
        Assert.That(first.Any(r => float.IsNaN(r.CompetitionDistance)), Is.True);
        Assert.That(first.Where(r => r.Open == 0).All(r => r.Sales == 0), Is.True);
    }

    [Test]
    public void MainJob_OnGeneratedData_SavesAModelThatReloadsIdentically()
    {
        var outFolder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"job-{Guid.NewGuid():N}");
        using var output = new StringWriter();
        try
        {
            var exitCode = PreprocessJob.Run(null, outFolder, output);

            Assert.That(exitCode, Is.Zero, output.ToString());
            Assert.That(output.ToString(), Does.Contain("CompetitionDistance_na").And.Contain("outputs identical"));
            Assert.That(File.Exists(Path.Combine(outFolder, "preprocess.zip")), Is.True);
        }
        finally
        {
            if (Directory.Exists(outFolder)) Directory.Delete(outFolder, recursive: true);
        }
    }
}
