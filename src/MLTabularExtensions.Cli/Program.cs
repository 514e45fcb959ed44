using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

// Before anything touches TorchSharp: mltab opts in to the process-wide tuning the library never applies on its own
// (oneMKL's AVX2/AVX-512 kernels on AMD, glibc heap reuse; MLTAB_PROCESS_TUNING=0 leaves the process as .NET starts it).
var tuning = Environment.GetEnvironmentVariable("MLTAB_PROCESS_TUNING") == "0"
    ? new ProcessTuningStatus(MklOnAmdStatus.Disabled, HeapTuned: false)
    : ProcessTuning.Apply();

return Mltab.Run(args, Console.Out, Console.Error, tuning);
