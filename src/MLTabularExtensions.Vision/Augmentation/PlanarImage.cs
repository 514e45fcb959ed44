namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>
/// An image as planes of floats, channel by channel (the layout of ML.NET's <c>ExtractPixels</c> without
/// interleaving): value (c, y, x) sits at <c>(c · Height + y) · Width + x</c>.
/// </summary>
/// <param name="Channels">Number of planes.</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Pixels">Channels · Height · Width values.</param>
internal sealed record PlanarImage(int Channels, int Height, int Width, float[] Pixels)
{
    public static PlanarImage Empty(int channels, int height, int width) =>
        new(channels, height, width, new float[channels * height * width]);

    public float this[int channel, int y, int x] => Pixels[(channel * Height + y) * Width + x];
}
