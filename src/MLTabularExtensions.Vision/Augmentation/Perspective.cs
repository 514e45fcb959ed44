namespace MLTabularExtensions.Vision.Augmentation;

/// <summary>
/// A projective map of the plane, x' = (a·x + b·y + c) / (g·x + h·y + 1), y' = (d·x + e·y + f) / (g·x + h·y + 1),
/// found from four point correspondences (fastai's <c>_find_coeffs</c>).
/// </summary>
internal sealed class Perspective
{
    private readonly double[] _k;

    private Perspective(double[] coefficients) => _k = coefficients;

    /// <summary>
    /// fastai's <c>symmetric_warp</c>: the corners of the [-1, 1]² square pushed out (or in) by the four magnitudes,
    /// opposite corners moving together so the warp looks like a tilt of the camera.
    /// </summary>
    public static Perspective SymmetricWarp(IReadOnlyList<double> m)
    {
        (double, double)[] from = [(-1, -1), (-1, 1), (1, -1), (1, 1)];
        (double, double)[] to =
        [
            (-1 - m[3], -1 - m[1]), (-1 - m[2], 1 + m[1]), (1 + m[3], -1 - m[0]), (1 + m[2], 1 + m[0]),
        ];
        return Between(from, to);
    }

    /// <summary>The map taking each <paramref name="from"/> point to the matching <paramref name="to"/> point.</summary>
    public static Perspective Between(IReadOnlyList<(double X, double Y)> from, IReadOnlyList<(double X, double Y)> to)
    {
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] rowU = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] rowV = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var j = 0; j < 9; j++)
            {
                a[2 * i, j] = rowU[j];
                a[2 * i + 1, j] = rowV[j];
            }
        }
        return new Perspective(Solve(a));
    }

    public (double X, double Y) Map(double x, double y)
    {
        var w = _k[6] * x + _k[7] * y + 1;
        return ((_k[0] * x + _k[1] * y + _k[2]) / w, (_k[3] * x + _k[4] * y + _k[5]) / w);
    }

    // Gaussian elimination with partial pivoting on the augmented 8×9 system.
    private static double[] Solve(double[,] a)
    {
        const int n = 8;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (Math.Abs(a[pivot, col]) < 1e-12)
                throw new ArgumentException("The four points do not define a perspective map (three are collinear).");
            for (var j = 0; j <= n; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = a[r, col] / a[col, col];
                for (var j = col; j <= n; j++) a[r, j] -= factor * a[col, j];
            }
        }
        var k = new double[n];
        for (var i = 0; i < n; i++) k[i] = a[i, n] / a[i, i];
        return k;
    }
}
