using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Lessons;
using MLTabularExtensions.Lessons.Pets;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.Vision;
using MLTabularExtensions.Vision.Heatmaps;
using MLTabularExtensions.Vision.TorchSharp;
using Spectre.Console;

namespace MLTabularExtensions.Cli.Pets;

/// <summary>
/// <c>mltab pets</c>: the vision lesson on the Oxford-IIIT Pet breeds (or generated shapes). Trains ImageCnn on
/// trainval without and with augmentation (same epochs and seed), reports test accuracy of both, scores every
/// heatmap variant with the pointing game against the trimaps, and writes 12 overlays, a contact sheet and model.zip.
/// </summary>
internal static class PetsJob
{
    private const int Overlays = 12;

    private static readonly Option<DirectoryInfo> Data = CliOptions.ExistingFolder("--data",
        "labels.csv (image, trimap, breed, split), images/ and trimaps/. Without it: generated shapes with trimaps.");
    private static readonly Option<string> Out = CliOptions.OutFolder("pets-out");
    private static readonly Option<int?> Epochs = CliOptions.OptionalPositiveInt("--epochs", "Epochs of each run (default 300 with --data, 6 on generated shapes).");
    private static readonly Option<int?> Size = CliOptions.OptionalPositiveInt("--size", "Images are squashed to SIZE × SIZE pixels (default 128 with --data, 48 on generated shapes).");
    private static readonly Option<int> Seed = CliOptions.PositiveInt("--seed", 42, "Seed of training and augmentation.");
    private static readonly Option<int?> Threads = CliOptions.Threads();
    private static readonly Option<int> BatchSize = CliOptions.PositiveInt("--batch-size", 32, "Images per batch.");
    private static readonly Option<double> LearningRate = CliOptions.PositiveNumber("--lr", 3e-3, "Peak learning rate.");
    private static readonly Option<double> MaxZoom = CliOptions.PositiveNumber("--max-zoom", 1.1, "Largest zoom of the augmentation.");
    private static readonly Option<BatchMixing> MixingOption = new("--mixing")
    {
        Description = "Batch mixing of the augmented run: None, MixUp or CutMix.",
        DefaultValueFactory = _ => BatchMixing.None,
    };
    private static readonly Option<bool> AugmentedOnly = CliOptions.Flag("--augmented-only", "Skip the run without augmentation.");

    public static Command Create()
    {
        return new Command("pets", "The vision lesson: ImageCnn without and with augmentation, test accuracy of both, the pointing game of every heatmap variant, overlays and model.zip.")
        {
            Data, Out, Epochs, Size, Seed, Threads, BatchSize, LearningRate, MaxZoom, MixingOption, AugmentedOnly,
        };
    }

    public static int Run(ParseResult line, TextWriter output, CancellationToken cancel)
    {
        var outFolder = line.GetValue(Out)!;
        Directory.CreateDirectory(outFolder);
        var data = line.GetValue(Data)?.FullName;
        var generated = data is null;
        if (data is null)
        {
            data = Path.Combine(outFolder, "generated-shapes");
            SyntheticPets.Write(data, perClass: 60, width: 72, height: 60, seed: 7);
            output.WriteLine($"Data: generated shapes (pass --data DIR for the Oxford-IIIT pets) in {data}.");
        }
        var size = line.GetValue(Size) ?? (generated ? 48 : 128);
        var settings = new RunSettings(line.GetValue(Epochs) ?? (generated ? 6 : 300), line.GetValue(BatchSize), line.GetValue(LearningRate),
            line.GetValue(Seed), CliOptions.ThreadsOrIdleCores(line, Threads), line.GetValue(MixingOption), cancel);
        var context = new MLContext(seed: 1);
        var rows = PetRow.Read(data);
        var trainRows = rows.Where(r => r.Split == "trainval").ToArray();
        var testRows = rows.Where(r => r.Split == "test").ToArray();
        output.WriteLine($"{trainRows.Length} training and {testRows.Length} test images, {trainRows.Select(r => r.Breed).Distinct().Count()} classes, {size} × {size} px.");
        var preparation = PetsPipeline.Prepare(context, size).Fit(context.Data.LoadFromEnumerable(trainRows));
        var train = preparation.Transform(context.Data.LoadFromEnumerable(trainRows));
        var test = preparation.Transform(context.Data.LoadFromEnumerable(testRows));

        double? plainAccuracy = null;
        if (!line.GetValue(AugmentedOnly))
        {
            using var plain = Train(context, settings, train, test, augmentation: null, output, out var accuracy);
            plainAccuracy = accuracy;
        }
        using var augmented = Train(context, settings, train, test, new ImageAugmentOptions { Seed = settings.Seed, MaxZoom = line.GetValue(MaxZoom) }, output, out var augmentedAccuracy);
        output.WriteLine(plainAccuracy is { } without
            ? $"Test accuracy: {without:P1} without augmentation, {augmentedAccuracy:P1} with (fastai get_transforms defaults)."
            : $"Test accuracy: {augmentedAccuracy:P1} with augmentation (fastai get_transforms defaults; --augmented-only skipped the run without).");

        var masks = testRows.Select(r => ObjectMask.FromTrimap(r.TrimapPath)).ToArray();
        const int tolerance = PointingGame.StandardTolerance;
        output.WriteLine($"Pointing game on {testRows.Length} test images: hit = heatmap maximum on the animal (trimap 1), strictly / within {tolerance} px (Zhang et al.):");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("map").AddColumn(new TableColumn("strict").RightAligned()).AddColumn(new TableColumn($"within {tolerance} px").RightAligned()).AddColumn("");
        void Row(string name, double strict, double tolerant, string note) =>
            table.AddRow(Markup.Escape(name), $"{strict:P1}", $"{tolerant:P1}", Markup.Escape(note));
        Row("chance", masks.Average(m => PointingGame.Chance(m)), masks.Average(m => PointingGame.Chance(m, tolerance)), "a uniformly random point");
        Row("centre", Rate(masks, m => PointingGame.CentreHit(m)), Rate(masks, m => PointingGame.CentreHit(m, tolerance)), "always the image centre");
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
            Row(choice.ToString(), strict, tolerant, "");
            if (strict > best.Score) best = (choice, strict);
        }
        TableConsole.For(output).Write(table);
        WriteOverlays(augmented, best.Choice, test, testRows, outFolder, output);
        var modelPath = Path.Combine(outFolder, "model.zip");
        context.Model.Save(preparation.Append(augmented), context.Data.LoadFromEnumerable(trainRows).Schema, modelPath);
        output.WriteLine($"Saved {modelPath} (the augmented model; its heatmap column holds {augmented.Heatmap}). Best heatmap: {best.Choice} ({best.Score:P1}).");
        return 0;
    }

    /// <summary>What both training runs share.</summary>
    private sealed record RunSettings(int Epochs, int BatchSize, double LearningRate, int Seed, int? Threads, BatchMixing Mixing, CancellationToken Cancel);

    private static ImageCnnTransformer Train(MLContext context, RunSettings settings, IDataView train, IDataView test,
        ImageAugmentOptions? augmentation, TextWriter output, out double accuracy)
    {
        var options = new ImageCnnOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            MaxLearningRate = settings.LearningRate,
            Seed = settings.Seed,
            Threads = settings.Threads,
            CancellationToken = settings.Cancel,
            Augmentation = augmentation,
            Mixing = augmentation is null ? BatchMixing.None : settings.Mixing,
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
