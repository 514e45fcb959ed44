using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MLTabularExtensions.Benchmarks;

// In-process: the benchmarks use the native libraries exactly as built here (no separately generated project).
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(TransformBenchmarks).Assembly).Run(args, config);
