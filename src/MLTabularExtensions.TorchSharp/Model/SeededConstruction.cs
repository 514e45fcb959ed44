using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Builds a network and gives libtorch's process-wide generator back in the state the caller left it. TorchSharp's
/// layers (<c>nn.Linear</c>, <c>nn.Conv2d</c>) draw initial weights from that generator while they are constructed;
/// the networks here then re-draw them from the trainer's own (<see cref="SeededInitialisation"/>), so the host's
/// stream must not move. The lock keeps two networks built at once on two threads from restoring each other's state.
/// </summary>
internal static class SeededConstruction
{
    private static readonly Lock Gate = new();

    public static T Create<T>(Func<T> create)
    {
        lock (Gate)
        {
            using var callerState = random.get_rng_state();
            try
            {
                return create();
            }
            finally
            {
                random.set_rng_state(callerState);
            }
        }
    }
}
