using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>Resolves a trainer's device: the options' <see cref="ComputeDevice"/>, else the MLContext's GPU choice.</summary>
internal static class TrainingDevice
{
    public static Device Resolve(ComputeDevice? requested, CatalogHost host, string trainer)
    {
        var device = requested ?? (host.GpuDeviceId is null ? ComputeDevice.Cpu : host.FallbackToCpu ? ComputeDevice.Auto : ComputeDevice.Cuda);
        switch (device)
        {
            case ComputeDevice.Cpu:
                return CPU;
            case ComputeDevice.Cuda:
                if (!cuda.is_available())
                    throw new InvalidOperationException(
                        $"{trainer}: the CUDA device was requested ({(requested is null ? $"MLContext.GpuDeviceId = {host.GpuDeviceId}, FallbackToCpu = false" : "Device = ComputeDevice.Cuda")}), but no CUDA device is usable here (no NVIDIA GPU, or the application references a CPU-only libtorch backend; reference libtorch-cuda-12.8 and run on a machine with a GPU), or use ComputeDevice.Cpu / ComputeDevice.Auto.");
                return requested is null ? new Device(DeviceType.CUDA, host.GpuDeviceId!.Value) : CUDA;
            case ComputeDevice.Auto:
                return cuda.is_available() ? (requested is null ? new Device(DeviceType.CUDA, host.GpuDeviceId!.Value) : CUDA) : CPU;
            default:
                throw new ArgumentOutOfRangeException(nameof(requested), requested, $"{trainer}: Device must be Cpu, Cuda or Auto.");
        }
    }
}
