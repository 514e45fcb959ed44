using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

// Before anything touches TorchSharp: on AMD CPUs with AVX-512, let libtorch's oneMKL use it (MLTAB_MKL_AVX512=0: off).
var mkl = MklAvx512.EnableOnAmd();

// mltab [rossmann|pets|predict|train|preprocess] --option value …
try
{
    var line = CommandLine.Parse(args);
    return line.Command switch
    {
        "rossmann" => RossmannJob.Run(line, Console.Out, mkl),
        "pets" => MLTabularExtensions.Cli.Pets.PetsJob.Run(line, Console.Out),
        "predict" => PredictJob.Run(line, Console.Out),
        "train" => TrainJob.Run(line, Console.Out),
        "preprocess" => PreprocessJob.Run(line.Text("data"), line.Text("out") ?? "out", Console.Out),
        _ => throw new ArgumentException($"Unknown command '{line.Command}'."),
    };
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException)
{
    Console.Error.WriteLine($"mltab: {e.Message}");
    Console.Error.WriteLine("usage: mltab rossmann [--data DIR] [--epochs N] [--out DIR] [--seed S] [--threads T] [--batch-size B] [--lr LR] [--wd WD] [--ps P1 P2] [--emb-drop P] [--course-v3] [--closures] [--bf16] [--stores N]");
    Console.Error.WriteLine("       mltab predict --model model.zip --data file.csv [--out predictions.csv]");
    Console.Error.WriteLine("       mltab train --data file.csv --label COL [--task regression|binary] [--cat C …] [--cont C …] [--date COL] [--epochs N] [--out DIR]");
    Console.Error.WriteLine("       mltab preprocess [--data DIR] [--out DIR]");
    Console.Error.WriteLine("       mltab pets [--data DIR] [--out DIR] [--epochs N] [--size PX] [--seed S] [--threads T] [--batch-size B] [--lr LR] [--max-zoom Z] [--mixing none|mixup|cutmix] [--augmented-only]");
    return 2;
}
