using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>Resolves a trainer's <c>Device</c> option: "cpu", "cuda" or "auto".</summary>
internal static class TrainingDevice
{
    public static Device Resolve(string requested, string trainer)
    {
        switch (requested?.Trim().ToLowerInvariant())
        {
            case "cpu":
                return CPU;
            case "cuda":
                if (!cuda.is_available())
                    throw new InvalidOperationException(
                        $"{trainer}: Device \"cuda\" was requested, but no CUDA device is usable here (no NVIDIA GPU, or the application references a CPU-only libtorch backend; reference libtorch-cuda-12.8 and run on a machine with a GPU), or use Device = \"cpu\" / \"auto\".");
                return CUDA;
            case "auto":
                return cuda.is_available() ? CUDA : CPU;
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested,
                    $"{trainer}: Device must be \"cpu\", \"cuda\" or \"auto\".");
        }
    }
}
