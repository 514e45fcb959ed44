namespace MLTabularExtensions.Lessons.Pets;

/// <summary>One line of the pets' labels.csv.</summary>
public sealed class PetRow
{
    /// <summary>Full path of the photo.</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>Full path of its trimap (1 = pet, 2 = background, 3 = border).</summary>
    public string TrimapPath { get; set; } = "";

    /// <summary>The class name (breed).</summary>
    public string Breed { get; set; } = "";

    /// <summary>"trainval", "test" or "unlisted".</summary>
    public string Split { get; set; } = "";

    /// <summary>Reads labels.csv of <paramref name="folder"/> (columns image, trimap, breed, …, split; paths relative to the folder), checking every image decodes.</summary>
    public static IReadOnlyList<PetRow> Read(string folder)
    {
        var labels = Path.Combine(folder, "labels.csv");
        if (!File.Exists(labels)) throw new FileNotFoundException($"mltab pets: '{labels}' not found; --data must hold labels.csv, images/ and trimaps/.", labels);
        var lines = File.ReadAllLines(labels);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i : throw new InvalidDataException($"mltab pets: '{labels}' has no column '{name}' (header: {lines[0]}).");
        int image = Column("image"), trimap = Column("trimap"), breed = Column("breed"), split = Column("split");
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new PetRow
        {
            ImagePath = Path.GetFullPath(Path.Combine(folder, f[image])),
            TrimapPath = Path.GetFullPath(Path.Combine(folder, f[trimap])),
            Breed = f[breed],
            Split = f[split],
        }).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"mltab pets: '{labels}' lists no images.");
        foreach (var row in rows) MLTabularExtensions.Vision.ImageFolder.CheckDecodes(row.ImagePath);
        return rows;
    }
}
