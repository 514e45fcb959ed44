using MLTabularExtensions.Cli;
using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Tests.Cli;

/// <summary>Runs <c>mltab</c> in this process, as its Main does, and keeps what it printed.</summary>
internal static class MltabRunner
{
    public sealed record Result(int Exit, string Output, string Error);

    public static Result Run(params string[] args) => Run(CancellationToken.None, args);

    public static Result Run(CancellationToken cancel, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Mltab.Run(args, output, error, new ProcessTuningStatus(MklOnAmdStatus.NotApplicable, HeapTuned: false), cancel);
        return new Result(exit, output.ToString(), error.ToString());
    }
}
