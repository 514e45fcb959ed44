using TorchSharp;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// Runs a training loop on a freshly built network and hands it back in eval mode; if training throws, the network's
/// native memory is released before the exception travels on. Where the application tuned the heap
/// (<see cref="ProcessTuning"/>), what training freed goes back to the OS when it ends.
/// </summary>
internal static class TrainedNetwork
{
    public static T Train<T>(T network, Action<T> fit) where T : torch.nn.Module
    {
        try
        {
            fit(network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        finally
        {
            NativeHeap.Trim();
        }
        network.eval();
        return network;
    }
}
