using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MLTabularExtensions.Benchmarks;
using MLTabularExtensions.TorchSharp;

// Before TorchSharp loads: oneMKL's AVX2/AVX-512 kernels on AMD (MLTAB_MKL_AMD=0 measures without).
Console.WriteLine($"// process tuning: {ProcessTuning.Apply()}");

// In-process: the benchmarks use the native libraries exactly as built here (no separately generated project).
if (args is ["adult"])
{
    AdultComparison.Run(Console.Out);
    return;
}
if (args is ["lesson-table", var folder])
{
    LessonTableExport.Run(folder, Console.Out);
    return;
}
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(TransformBenchmarks).Assembly).Run(args, config);
