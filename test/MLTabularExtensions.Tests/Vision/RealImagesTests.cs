using MLTabularExtensions.Lessons.Pets;
using MLTabularExtensions.Vision;

namespace MLTabularExtensions.Tests.Vision;

[Category(TestCategories.Slow)]
public class RealImagesTests
{
    [Test]
    public void AntsAndBees_LoadAsAFolderPerClass_EveryFileDecodes()
    {
        var folder = TestData.SharedData("hymenoptera-ants-bees");
        var files = ImageFolder.Load(Path.Combine(folder, "train"));
        Assert.That(files.Select(f => f.Label).Distinct(), Is.EquivalentTo(new[] { "ants", "bees" }));
        Assert.That(files, Has.Count.GreaterThan(200));
    }

    [Test]
    public void Pets_LabelsListTheOfficialSplit_WithTrimapsForEveryImage()
    {
        var rows = PetRow.Read(TestData.SharedData("oxford-pets-3breeds"));
        Assert.That(rows.Count(r => r.Split == "trainval"), Is.EqualTo(300));
        Assert.That(rows.Count(r => r.Split == "test"), Is.EqualTo(298));
        Assert.That(rows.Select(r => r.Breed).Distinct(), Has.Exactly(3).Items);
        Assert.That(rows.All(r => File.Exists(r.TrimapPath)), Is.True);
    }
}
