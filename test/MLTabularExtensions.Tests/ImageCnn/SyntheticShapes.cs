using Microsoft.ML;
using MLTabularExtensions.Lessons.Pets;

namespace MLTabularExtensions.Tests.ImageCnn;

/// <summary>The CLI's generated shapes data set, written once per test run and prepared at a small size.</summary>
internal static class SyntheticShapes
{
    public const int Size = 32;
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "mltab-shapes-" + Environment.ProcessId);
        SyntheticPets.Write(folder, perClass: 120, width: 40, height: 36, seed: 11);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    public static IReadOnlyList<PetRow> Rows => PetRow.Read(Folder.Value);

    /// <summary>Prepared (pixels + key label) train and test views.</summary>
    public static (IDataView Train, IDataView Test, ITransformer Preparation) Prepared(MLContext context, int size = Size)
    {
        var rows = Rows;
        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Split == "trainval"));
        var test = context.Data.LoadFromEnumerable(rows.Where(r => r.Split == "test"));
        var preparation = PetsPipeline.Prepare(context, size).Fit(train);
        return (preparation.Transform(train), preparation.Transform(test), preparation);
    }
}
