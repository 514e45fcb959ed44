namespace MLTabularExtensions.Vision.Heatmaps;

/// <summary>matplotlib's perceptually uniform "magma" colour map (black → purple → orange → pale yellow), linearly interpolated between nine stops.</summary>
internal static class MagmaColorMap
{
    private static readonly (byte R, byte G, byte B)[] Stops =
    [
        (0, 0, 4), (28, 16, 68), (79, 18, 123), (129, 37, 129), (181, 54, 122),
        (229, 80, 100), (251, 135, 97), (254, 194, 135), (252, 253, 191),
    ];

    /// <summary>The colour of <paramref name="value"/> in [0, 1] (clamped).</summary>
    public static (byte R, byte G, byte B) At(float value)
    {
        var position = Math.Clamp(value, 0, 1) * (Stops.Length - 1);
        var low = Math.Min((int)position, Stops.Length - 2);
        var f = position - low;
        var (a, b) = (Stops[low], Stops[low + 1]);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    private static byte Mix(byte a, byte b, float f) => (byte)MathF.Round(a + (b - a) * f);
}
