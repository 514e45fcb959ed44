using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// All images of a data set as one managed pixel array (augmentation works on it in place of a copy per batch) with
/// 0-based class indices, read in one cursor pass.
/// </summary>
internal sealed class ImageTable
{
    private ImageTable(float[] pixels, long[] labels, int rowLength)
    {
        Pixels = pixels;
        Labels = labels;
        RowLength = rowLength;
    }

    /// <summary>Row r's pixels are <c>Pixels[r · RowLength .. (r + 1) · RowLength]</c>.</summary>
    public float[] Pixels { get; }

    public long[] Labels { get; }

    public int RowLength { get; }

    public int Rows => Labels.Length;

    public ReadOnlySpan<float> Row(int row) => Pixels.AsSpan(row * RowLength, RowLength);

    public static ImageTable Read(IDataView data, ImageColumns columns, string dataName)
    {
        var featureColumn = data.Schema[columns.Features];
        var labelColumn = data.Schema[columns.Label!];
        using var cursor = data.GetRowCursor([featureColumn, labelColumn]);
        var pixelGetter = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var labelGetter = cursor.GetGetter<uint>(labelColumn);
        var rowLength = columns.Channels * columns.Height * columns.Width;
        var pixels = new List<float>();
        var labels = new List<long>();
        VBuffer<float> buffer = default;
        uint key = 0;
        long row = 0;
        while (cursor.MoveNext())
        {
            pixelGetter(ref buffer);
            var values = buffer.DenseValues().ToArray();
            for (var k = 0; k < values.Length; k++)
            {
                if (!float.IsFinite(values[k]))
                    throw new InvalidOperationException($"{ImageColumns.Trainer}: pixel {k} of column '{columns.Features}' is {values[k]} at row {row} of {dataName}.");
            }
            pixels.AddRange(values);
            labelGetter(ref key);
            if (key == 0)
                throw new InvalidOperationException(
                    $"{ImageColumns.Trainer}: label column '{columns.Label}' is missing (key 0) at row {row} of {dataName}; every image needs a class.");
            labels.Add(key - 1);
            row++;
        }
        if (row == 0) throw new InvalidOperationException($"{ImageColumns.Trainer}: {dataName} has no rows.");
        return new ImageTable([.. pixels], [.. labels], rowLength);
    }

    /// <summary>Per-channel mean and standard deviation over every pixel (fastai's <c>normalize</c> from data statistics).</summary>
    public (float[] Means, float[] Stds) ChannelStatistics(int channels)
    {
        var plane = RowLength / channels;
        var means = new float[channels];
        var stds = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            double sum = 0, squares = 0;
            for (var r = 0; r < Rows; r++)
            {
                foreach (var v in Pixels.AsSpan(r * RowLength + c * plane, plane))
                {
                    sum += v;
                    squares += (double)v * v;
                }
            }
            var n = (double)Rows * plane;
            var mean = sum / n;
            means[c] = (float)mean;
            stds[c] = (float)Math.Max(Math.Sqrt(Math.Max(squares / n - mean * mean, 0)), 1e-3);
        }
        return (means, stds);
    }
}
