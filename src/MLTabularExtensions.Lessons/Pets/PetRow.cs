using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;

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
        var table = CsvData.Read(labels, [.. new[] { "image", "trimap", "breed", "split" }.Select(c => new CsvColumn(c, TextDataViewType.Instance))]);
        string[] Column(string name) => [.. table.GetColumn<ReadOnlyMemory<char>>(name).Select(v => v.ToString())];
        var (image, trimap, breed, split) = (Column("image"), Column("trimap"), Column("breed"), Column("split"));
        var rows = image.Select((_, i) => new PetRow
        {
            ImagePath = Path.GetFullPath(Path.Combine(folder, image[i])),
            TrimapPath = Path.GetFullPath(Path.Combine(folder, trimap[i])),
            Breed = breed[i],
            Split = split[i],
        }).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"mltab pets: '{labels}' lists no images.");
        foreach (var row in rows) MLTabularExtensions.Vision.ImageFolder.CheckDecodes(row.ImagePath);
        return rows;
    }
}
