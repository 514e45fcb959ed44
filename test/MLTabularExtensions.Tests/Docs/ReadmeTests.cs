namespace MLTabularExtensions.Tests.Docs;

/// <summary>
/// The README's quick start is the install test's training app (test/Install/TrainApp), which build/package-tests.sh
/// compiles against the packed packages outside the repository and runs: so the README's code compiles as written.
/// </summary>
public sealed class ReadmeTests
{
    [TestCase("Program.cs")]
    [TestCase("ModelInput.cs")]
    public void QuickStart_ShowsTheCompiledTrainingApp_Verbatim(string file)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(root, "test", "Install", "TrainApp", file)).ReplaceLineEndings("\n");

        Assert.That(readme, Does.Contain("```csharp\n" + source + "```\n"), $"README.md shows test/Install/TrainApp/{file} as it is");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MLTabularExtensions.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("The repository root (MLTabularExtensions.sln) is not above the test folder.");
    }
}
