using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

// Before anything touches TorchSharp: on AMD CPUs with AVX-512, let libtorch's oneMKL use it (MLTAB_MKL_AVX512=0: off).
var mkl = MklAvx512.EnableOnAmd();

// mltab [rossmann|pets|predict|train|preprocess] --option value …
if (Usage.IsRequested(args))
{
    Console.WriteLine(Usage.Text);
    return 0;
}
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
    Console.Error.WriteLine(Usage.Text);
    return 2;
}
