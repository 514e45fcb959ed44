using TorchSharp;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Model;

/// <summary>
/// Scalars held for the process's life. <c>Tensor.add_(Tensor)</c> without an <c>alpha</c> converts 1 to a native
/// Scalar that nothing managed holds while libtorch reads it, so a garbage collection on another thread can free it
/// first (seen here as "Expected false to be true … toFloat" from a ResNet block's <c>add_</c>); pass one of these.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar Zero = 0.ToScalar();
}
