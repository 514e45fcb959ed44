using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Vision;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Heatmaps;
using SkiaSharp;

namespace MLTabularExtensions.Cli.Pets;

/// <summary>
/// <c>mltab pets</c>: the vision lesson on the Oxford-IIIT Pet breeds (or generated shapes). Trains ImageCnn on
/// trainval without and with augmentation (same epochs and seed), reports test accuracy of both, scores every
/// heatmap variant with the pointing game against the trimaps, and writes 12 overlays, a contact sheet and model.zip.
/// </summary>
internal static class PetsJob
{
    private const int Overlays = 12;

    public static int Run(CommandLine line, TextWriter output)
    {
        line.Allow("data", "out", "epochs", "size", "seed", "threads", "batch-size", "lr", "mixing", "max-zoom");
        var outFolder = line.Text("out") ?? "pets-out";
        Directory.CreateDirectory(outFolder);
        var data = line.Text("data");
        if (data is null)
        {
            data = Path.Combine(outFolder, "generated-shapes");
            SyntheticPets.Write(data, perClass: 60, width: 72, height: 60, seed: 7);
            output.WriteLine($"Data: generated shapes (pass --data DIR for the Oxford-IIIT pets) in {data}.");
        }
        var size = line.Int("size", line.Text("data") is null ? 48 : 128);
        var context = new MLContext(seed: 1);
        var rows = PetRow.Read(data);
        var trainRows = rows.Where(r => r.Split == "trainval").ToArray();
        var testRows = rows.Where(r => r.Split == "test").ToArray();
        output.WriteLine($"{trainRows.Length} training and {testRows.Length} test images, {trainRows.Select(r => r.Breed).Distinct().Count()} classes, {size} × {size} px.");
        var preparation = PetsPipeline.Prepare(context, size).Fit(context.Data.LoadFromEnumerable(trainRows));
        var train = preparation.Transform(context.Data.LoadFromEnumerable(trainRows));
        var test = preparation.Transform(context.Data.LoadFromEnumerable(testRows));

        var plain = Train(context, line, train, test, augmentation: null, output, out var plainAccuracy);
        plain.Dispose();
        using var augmented = Train(context, line, train, test, new ImageAugmentOptions { Seed = line.Int("seed", 42), MaxZoom = line.Double("max-zoom", 1.1) }, output, out var augmentedAccuracy);
        output.WriteLine($"Test accuracy: {plainAccuracy:P1} without augmentation, {augmentedAccuracy:P1} with (fastai get_transforms defaults).");

        var masks = testRows.Select(r => Mask(r.TrimapPath)).ToArray();
        var chance = masks.Average(m => PointingGame.Chance(m.Pixels));
        var centre = masks.Average(m => m.Pixels[m.Height / 2 * m.Width + m.Width / 2] ? 1.0 : 0.0);
        output.WriteLine($"Pointing game on {testRows.Length} test images (hit = heatmap maximum on the animal, trimap 1); chance {chance:P1}, always pointing at the centre {centre:P1}:");
        var best = (Kind: HeatmapKind.ChannelMean, Score: -1.0);
        foreach (var kind in Enum.GetValues<HeatmapKind>())
        {
            using var variant = augmented.WithHeatmap(kind);
            var heatmaps = Heatmaps(variant.Transform(test));
            var (heatmapRows, columns) = variant.HeatmapSize;
            var hits = heatmaps.Select((h, i) => PointingGame.Hit(h, heatmapRows, columns, masks[i].Pixels, masks[i].Height, masks[i].Width)).Count(hit => hit);
            var score = (double)hits / testRows.Length;
            output.WriteLine($"  {kind,-16} {score:P1}");
            if (score > best.Score) best = (kind, score);
        }
        WriteOverlays(augmented.WithHeatmap(best.Kind), test, testRows, outFolder, output);
        var modelPath = Path.Combine(outFolder, "model.zip");
        context.Model.Save(preparation.Append(augmented), context.Data.LoadFromEnumerable(trainRows).Schema, modelPath);
        output.WriteLine($"Saved {modelPath} (the augmented model; its heatmap column holds {augmented.Heatmap}). Best heatmap: {best.Kind} ({best.Score:P1}).");
        return 0;
    }

    private static ImageCnnTransformer Train(MLContext context, CommandLine line, IDataView train, IDataView test,
        ImageAugmentOptions? augmentation, TextWriter output, out double accuracy)
    {
        var options = new ImageCnnOptions
        {
            Epochs = line.Int("epochs", line.Text("data") is null ? 6 : 30),
            BatchSize = line.Int("batch-size", 32),
            MaxLearningRate = line.Double("lr", 3e-3),
            Seed = line.Int("seed", 42),
            Threads = line.Text("threads") is null ? null : line.Int("threads", 2),
            Augmentation = augmentation,
            Mixing = augmentation is null ? BatchMixing.None : Mixing(line),
            Progress = new Progress<EpochReport>(r => output.WriteLine($"  {r}")),
        };
        output.WriteLine(augmentation is null ? "Training without augmentation:" : $"Training with augmentation (mixing: {options.Mixing}):");
        var clock = Stopwatch.StartNew();
        var model = context.MulticlassClassification.Trainers.ImageCnn(options).Fit(train);
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
        accuracy = metrics.MicroAccuracy;
        output.WriteLine($"  {options.Epochs} epochs in {clock.Elapsed.TotalSeconds:F0} s; test accuracy {accuracy:P1}");
        return model;
    }

    /// <summary>--mixing none|mixup|cutmix: fastai's batch mixing, added to the augmented run only.</summary>
    private static BatchMixing Mixing(CommandLine line) => line.Text("mixing") is not { } text ? BatchMixing.None
        : Enum.TryParse<BatchMixing>(text, ignoreCase: true, out var mixing) && Enum.IsDefined(mixing) ? mixing
        : throw new ArgumentException($"--mixing must be none, mixup or cutmix, not '{text}'.");

    private static List<float[]> Heatmaps(IDataView scored) =>
        [.. scored.GetColumn<VBuffer<float>>("Heatmap").Select(v => v.DenseValues().ToArray())];

    private static void WriteOverlays(ImageCnnTransformer model, IDataView test, IReadOnlyList<PetRow> rows, string outFolder, TextWriter output)
    {
        using (model)
        {
            var scored = model.Transform(test);
            var heatmaps = Heatmaps(scored);
            var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
            VBuffer<ReadOnlyMemory<char>> names = default;
            scored.Schema["PredictedLabel"].GetKeyValues(ref names);
            var classNames = names.DenseValues().Select(n => n.ToString()).ToArray();
            var (rowsCount, columns) = model.HeatmapSize;
            var step = Math.Max(1, rows.Count / Overlays);
            var written = new List<string>();
            for (var i = 0; i < rows.Count && written.Count < Overlays; i += step)
            {
                var path = Path.Combine(outFolder, $"overlay_{written.Count + 1:D2}_{rows[i].Breed}_predicted-{classNames[predicted[i] - 1]}.png");
                HeatmapRenderer.WriteOverlay(rows[i].ImagePath, heatmaps[i], rowsCount, columns, path);
                written.Add(path);
            }
            var sheet = Path.Combine(outFolder, "heatmaps.png");
            HeatmapRenderer.WriteContactSheet(written, columns: 4, cell: 256, sheet);
            output.WriteLine($"Wrote {written.Count} overlays ({model.Heatmap}) and the contact sheet {sheet}.");
        }
    }

    private static (bool[] Pixels, int Height, int Width) Mask(string trimapPath)
    {
        using var trimap = SKBitmap.Decode(trimapPath)
            ?? throw new InvalidDataException($"Trimap file '{trimapPath}' is corrupt, truncated or not an image.");
        var pixels = new bool[trimap.Width * trimap.Height];
        for (var y = 0; y < trimap.Height; y++)
            for (var x = 0; x < trimap.Width; x++)
                pixels[y * trimap.Width + x] = trimap.GetPixel(x, y).Red == 1;
        return (pixels, trimap.Height, trimap.Width);
    }
}
