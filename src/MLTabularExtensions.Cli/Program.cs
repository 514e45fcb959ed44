using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

// Before anything touches TorchSharp: mltab opts in to the process-wide tuning the library never applies on its own
// (oneMKL's AVX-512 kernels on AMD, glibc heap reuse; MLTAB_PROCESS_TUNING=0 leaves the process as .NET starts it).
var tuning = Environment.GetEnvironmentVariable("MLTAB_PROCESS_TUNING") == "0"
    ? new ProcessTuningStatus(MklOnAmdStatus.Disabled, HeapTuned: false)
    : ProcessTuning.Apply();

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
        "rossmann" => RossmannJob.Run(line, Console.Out, tuning),
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
