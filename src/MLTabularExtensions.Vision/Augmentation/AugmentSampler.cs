namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>Draws an <see cref="AugmentDraw"/> per image as fastai's <c>get_transforms</c> does.</summary>
internal static class AugmentSampler
{
    /// <summary>The draw for row <paramref name="row"/> of pass <paramref name="pass"/>: a pure function of its arguments.</summary>
    public static AugmentDraw Draw(ImageAugmentOptions options, long pass, long row)
    {
        var random = new Random(Seed(options.Seed, pass, row));
        var dihedral = 0;
        if (options.Flip)
            dihedral = options.FlipVertical ? random.Next(8) : random.NextDouble() < 0.5 ? 1 : 0;
        double[]? warp = null;
        double rotate = 0, zoom = 1, zoomColumn = 0.5, zoomRow = 0.5;
        if (Happens(random, options.AffineProbability))
            warp = [.. Enumerable.Range(0, 4).Select(_ => Uniform(random, -options.MaxWarp, options.MaxWarp))];
        if (Happens(random, options.AffineProbability))
            rotate = Uniform(random, -options.MaxRotate, options.MaxRotate);
        if (Happens(random, options.AffineProbability))
        {
            zoom = Uniform(random, 1, options.MaxZoom);
            zoomColumn = random.NextDouble();
            zoomRow = random.NextDouble();
        }
        var brightness = Happens(random, options.LightingProbability)
            ? Uniform(random, 0.5 * (1 - options.MaxLighting), 0.5 * (1 + options.MaxLighting))
            : 0.5;
        var contrast = Happens(random, options.LightingProbability)
            ? Math.Exp(Uniform(random, Math.Log(1 - options.MaxLighting), -Math.Log(1 - options.MaxLighting)))
            : 1;
        return new AugmentDraw(dihedral, rotate, zoom, zoomColumn, zoomRow, warp, brightness, contrast,
            random.NextDouble(), random.NextDouble());
    }

    // A probability of 0 must never draw (NextDouble can return 0) and 1 must always draw.
    private static bool Happens(Random random, double probability) => probability > 0 && random.NextDouble() < probability;

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    private static int Seed(int seed, long pass, long row)
    {
        // SplitMix64 finaliser over the three values: neighbouring rows and passes get unrelated streams.
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)pass * 0xC2B2AE3D27D4EB4FUL ^ (ulong)row * 0x165667B19E3779F9UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }
}
