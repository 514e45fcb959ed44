using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Lessons;
using MLTabularExtensions.Lessons.Pets;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Heatmaps;
using MLTabularExtensions.Vision.TorchSharp;

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
        line.Allow("data", "out", "epochs", "size", "seed", "threads", "batch-size", "lr", "mixing", "max-zoom", "augmented-only");
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

        double? plainAccuracy = null;
        if (!line.Flag("augmented-only"))
        {
            using var plain = Train(context, line, train, test, augmentation: null, output, out var accuracy);
            plainAccuracy = accuracy;
        }
        using var augmented = Train(context, line, train, test, new ImageAugmentOptions { Seed = line.Int("seed", 42), MaxZoom = line.Double("max-zoom", 1.1) }, output, out var augmentedAccuracy);
        output.WriteLine(plainAccuracy is { } without
            ? $"Test accuracy: {without:P1} without augmentation, {augmentedAccuracy:P1} with (fastai get_transforms defaults)."
            : $"Test accuracy: {augmentedAccuracy:P1} with augmentation (fastai get_transforms defaults; --augmented-only skipped the run without).");

        var masks = testRows.Select(r => ObjectMask.FromTrimap(r.TrimapPath)).ToArray();
        const int tolerance = PointingGame.StandardTolerance;
        output.WriteLine($"Pointing game on {testRows.Length} test images: hit = heatmap maximum on the animal (trimap 1), strictly / within {tolerance} px (Zhang et al.):");
        output.WriteLine($"  {"chance",-28} {masks.Average(m => PointingGame.Chance(m)),6:P1} / {masks.Average(m => PointingGame.Chance(m, tolerance)),6:P1}   (a uniformly random point)");
        output.WriteLine($"  {"centre",-28} {Rate(masks, m => PointingGame.CentreHit(m)),6:P1} / {Rate(masks, m => PointingGame.CentreHit(m, tolerance)),6:P1}   (always the image centre)");
        var best = (Choice: default(HeatmapChoice), Score: -1.0);
        foreach (var choice in HeatmapChoice.All)
        {
            using var variant = augmented.WithHeatmap(choice.Kind, choice.FlipAveraged, choice.Smoothed);
            var heatmaps = Heatmaps(variant.Transform(test));
            var (heatmapRows, columns) = variant.HeatmapSize;
            // One upsampling per image, scored at both tolerances.
            var peaks = heatmaps.Select((h, i) => PointingGame.Peak(h, heatmapRows, columns, masks[i].Height, masks[i].Width)).ToArray();
            double Score(int radius) => Rate(masks, (m, i) => m.Near(peaks[i].Y, peaks[i].X, radius));
            var (strict, tolerant) = (Score(0), Score(tolerance));
            output.WriteLine($"  {choice,-28} {strict,6:P1} / {tolerant,6:P1}");
            if (strict > best.Score) best = (choice, strict);
        }
        WriteOverlays(augmented, best.Choice, test, testRows, outFolder, output);
        var modelPath = Path.Combine(outFolder, "model.zip");
        context.Model.Save(preparation.Append(augmented), context.Data.LoadFromEnumerable(trainRows).Schema, modelPath);
        output.WriteLine($"Saved {modelPath} (the augmented model; its heatmap column holds {augmented.Heatmap}). Best heatmap: {best.Choice} ({best.Score:P1}).");
        return 0;
    }

    private static ImageCnnTransformer Train(MLContext context, CommandLine line, IDataView train, IDataView test,
        ImageAugmentOptions? augmentation, TextWriter output, out double accuracy)
    {
        var options = new ImageCnnOptions
        {
            Epochs = line.Int("epochs", line.Text("data") is null ? 6 : 300),
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

    private static double Rate(IReadOnlyList<ObjectMask> masks, Func<ObjectMask, int, bool> hit) =>
        (double)masks.Where((m, i) => hit(m, i)).Count() / masks.Count;

    private static double Rate(IReadOnlyList<ObjectMask> masks, Func<ObjectMask, bool> hit) => Rate(masks, (m, _) => hit(m));

    /// <summary>--mixing none|mixup|cutmix: fastai's batch mixing, added to the augmented run only.</summary>
    private static BatchMixing Mixing(CommandLine line) => line.Text("mixing") is not { } text ? BatchMixing.None
        : Enum.TryParse<BatchMixing>(text, ignoreCase: true, out var mixing) && Enum.IsDefined(mixing) ? mixing
        : throw new ArgumentException($"--mixing must be none, mixup or cutmix, not '{text}'.");

    private static List<float[]> Heatmaps(IDataView scored) =>
        [.. scored.GetColumn<VBuffer<float>>("Heatmap").Select(v => v.DenseValues().ToArray())];

    private static void WriteOverlays(ImageCnnTransformer trained, HeatmapChoice choice, IDataView test, IReadOnlyList<PetRow> rows,
        string outFolder, TextWriter output)
    {
        using (var model = trained.WithHeatmap(choice.Kind, choice.FlipAveraged, choice.Smoothed))
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
            output.WriteLine($"Wrote {written.Count} overlays ({choice}) and the contact sheet {sheet}.");
        }
    }
}
