using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;

namespace MLTabularExtensions.Vision;

/// <summary>One image file and its class, as <see cref="ImageFolder.Load"/> lists them.</summary>
public sealed class ImageFile
{
    /// <summary>Full path of the image file (the input of <c>LoadImages</c> with <c>imageFolder: null</c>).</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>The class: the name of the folder holding the file.</summary>
    public string Label { get; set; } = "";
}

/// <summary>
/// Lists a folder of images with one subfolder per class (ImageNet / fastai <c>ImageDataBunch.from_folder</c>
/// layout) and checks every file decodes, so a corrupt file is reported by name before training starts.
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp" };

    /// <summary>The image files under <paramref name="folder"/> (sorted by path), labelled by their parent folder.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="folder">The root folder; each subfolder is a class.</param>
    public static IDataView LoadImageFolder(this DataOperationsCatalog catalog, string folder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.LoadFromEnumerable(Load(folder));
    }

    /// <summary>The image files under <paramref name="folder"/>, each checked to decode.</summary>
    /// <param name="folder">The root folder; each subfolder is a class.</param>
    public static IReadOnlyList<ImageFile> Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => new ImageFile { ImagePath = Path.GetFullPath(f), Label = Path.GetFileName(Path.GetDirectoryName(f))! })
            .ToList();
        if (files.Count == 0)
            throw new InvalidDataException($"Image folder '{folder}' holds no image files ({string.Join(", ", Extensions.Order())}).");
        foreach (var file in files) CheckDecodes(file.ImagePath);
        return files;
    }

    /// <summary>
    /// Throws, naming the file, when <paramref name="path"/> is not a whole readable image. Every pixel is decoded: a
    /// JPEG cut short still has a valid header, and decoders fill what is missing with grey rather than fail.
    /// </summary>
    /// <param name="path">The image file.</param>
    public static void CheckDecodes(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        using var codec = SKCodec.Create(path, out var opened);
        if (codec is null) throw Corrupt(path, Reason(opened));
        var info = codec.Info;
        if (info.Width == 0 || info.Height == 0) throw Corrupt(path, "it has no pixels");
        using var bitmap = new SKBitmap(info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (decoded is not SKCodecResult.Success) throw Corrupt(path, Reason(decoded));
    }

    private static string Reason(SKCodecResult result) =>
        result == SKCodecResult.IncompleteInput ? "the file ends before the image does" : $"it does not decode ({result})";

    private static InvalidDataException Corrupt(string path, string reason) =>
        new($"Image file '{path}' is corrupt, truncated or not an image: {reason}.");
}
