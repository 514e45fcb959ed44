using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// A whole data set as three tensors, read in one cursor pass and moved to the device once, so training indexes
/// batches out of it without touching managed rows again.
/// </summary>
internal sealed class TabularTable : IDisposable
{
    private const int ChunkRows = 16_384;

    private TabularTable(Tensor categorical, Tensor continuous, Tensor labels, float[] rawLabels)
    {
        Categorical = categorical;
        Continuous = continuous;
        Labels = labels;
        RawLabels = rawLabels;
    }

    /// <summary>Key values, int32 [N, C] (0 = missing or unseen): embeddings accept int32 indices, at half the memory of int64.</summary>
    public Tensor Categorical { get; }

    /// <summary>float32 [N, K].</summary>
    public Tensor Continuous { get; }

    /// <summary>Training targets: float32 [N, 1] (ln(label) with LogTarget; 0/1 for binary) or int64 [N] class indices.</summary>
    public Tensor Labels { get; }

    /// <summary>The labels as read (before the log), for metrics in the label's own units.</summary>
    public float[] RawLabels { get; }

    public long Rows => Categorical.shape[0];

    public static TabularTable Read(IDataView data, TabularColumns columns, bool logTarget, Device device, string dataName)
    {
        var trainer = TabularColumns.Trainer;
        var cursorColumns = columns.Categorical.Select(c => data.Schema[c.Name])
            .Concat(columns.Continuous.Select(c => data.Schema[c.Name]))
            .Append(data.Schema[columns.Label]);
        using var cursor = data.GetRowCursor(cursorColumns);
        var keyGetters = columns.Categorical.Select(c => cursor.GetGetter<uint>(data.Schema[c.Name])).ToArray();
        var floatReaders = columns.Continuous.Select(c => ContinuousReader(cursor, data.Schema[c.Name], c.Width)).ToArray();
        var label = LabelReader(cursor, data.Schema[columns.Label], columns.Task);

        var rows = data.GetRowCount() ?? CountRows(data);
        var categoricalWidth = columns.Categorical.Count;
        var continuousWidth = columns.ContinuousWidth;
        // Filled a chunk at a time through reused buffers: the table never exists twice in managed memory, and the
        // only big allocations are the two tensors (the whole Rossmann lesson used to leave ~250 MB of growing lists behind).
        var categorical = empty([rows, categoricalWidth], ScalarType.Int32);
        var continuous = empty([rows, continuousWidth], ScalarType.Float32);
        var rawLabels = new float[rows];
        var chunkRows = (int)Math.Min(ChunkRows, Math.Max(1, rows));
        var keys = new int[chunkRows * categoricalWidth];
        var floats = new float[chunkRows * continuousWidth];
        uint key = 0;
        long row = 0;
        var inChunk = 0;
        try
        {
            while (cursor.MoveNext())
            {
                if (row == rows)
                    throw new InvalidOperationException($"{trainer}: {dataName} gave more rows than the {rows:N0} it counted; its cursors must see the same rows.");
                for (var c = 0; c < keyGetters.Length; c++)
                {
                    keyGetters[c](ref key);
                    keys[inChunk * categoricalWidth + c] = (int)key;
                }
                var features = floats.AsSpan(inChunk * continuousWidth, continuousWidth);
                var offset = 0;
                for (var c = 0; c < floatReaders.Length; c++)
                {
                    offset += floatReaders[c](features[offset..]);
                }
                for (var f = 0; f < features.Length; f++)
                {
                    if (!float.IsFinite(features[f]))
                        throw new InvalidOperationException(
                            $"{trainer}: continuous column '{ColumnOfFeature(columns, f)}' is {features[f]} at row {row} of {dataName}; fill missing values (FillMissing / TabularPreprocess) and remove infinities first.");
                }
                var y = label();
                if (!float.IsFinite(y))
                    throw new InvalidOperationException(
                        $"{trainer}: label column '{columns.Label}' is {y} at row {row} of {dataName}; expected a finite number (remove or fix such rows).");
                if (logTarget && y <= 0)
                    throw new InvalidOperationException(
                        $"{trainer}: label column '{columns.Label}' is {y} at row {row} of {dataName}, but LogTarget needs labels > 0 (e.g. keep rows with Sales > 0).");
                if (columns.Task == TabularNetTask.MulticlassClassification && y < 0)
                    throw new InvalidOperationException(
                        $"{trainer}: label column '{columns.Label}' is missing (key 0) at row {row} of {dataName}.");
                rawLabels[row] = y;
                row++;
                if (++inChunk == chunkRows)
                {
                    CopyChunk(categorical, continuous, keys, floats, row - inChunk, inChunk);
                    inChunk = 0;
                }
            }
            if (row == 0) throw new InvalidOperationException($"{trainer}: {dataName} has no rows; there is nothing to learn from.");
            if (row != rows)
                throw new InvalidOperationException($"{trainer}: {dataName} gave {row:N0} rows after counting {rows:N0}; its cursors must see the same rows.");
            CopyChunk(categorical, continuous, keys, floats, row - inChunk, inChunk);
        }
        catch
        {
            categorical.Dispose();
            continuous.Dispose();
            throw;
        }

        var target = columns.Task == TabularNetTask.MulticlassClassification
            ? tensor(rawLabels.Select(v => (long)v).ToArray(), [row], device: device)
            : tensor(logTarget ? [.. rawLabels.Select(v => MathF.Log(v))] : rawLabels, [row, 1], device: device);
        return new TabularTable(ToDevice(categorical, device), ToDevice(continuous, device), target, rawLabels);
    }

    private static long CountRows(IDataView data)
    {
        using var cursor = data.GetRowCursor([]);
        long rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }

    /// <summary>Copies the first <paramref name="count"/> rows of the chunk buffers into rows <paramref name="start"/>… of the tables.</summary>
    private static void CopyChunk(Tensor categorical, Tensor continuous, int[] keys, float[] floats, long start, int count)
    {
        CopyRows(categorical, width => tensor(Head(keys, count * (int)width), [count, width]), start, count);
        CopyRows(continuous, width => tensor(Head(floats, count * (int)width), [count, width]), start, count);
    }

    /// <summary>Copies <paramref name="count"/> rows, made by <paramref name="chunk"/> at the table's width, into rows <paramref name="start"/>… of <paramref name="table"/>.</summary>
    private static void CopyRows(Tensor table, Func<long, Tensor> chunk, long start, int count)
    {
        // A table without categorical (or continuous) columns has an empty tensor, which TorchSharp cannot copy into.
        var width = table.shape[1];
        if (count == 0 || width == 0) return;
        using var rows = chunk(width);
        using var target = table.narrow(0, start, count);
        target.copy_(rows);
    }

    // Whole chunks pass the buffer itself; only the last, shorter one is copied out.
    private static T[] Head<T>(T[] buffer, int length) => length == buffer.Length ? buffer : buffer[..length];

    private static Tensor ToDevice(Tensor table, Device device)
    {
        if (device.type == global::TorchSharp.DeviceType.CPU) return table;
        using (table) return table.to(device);
    }

    public void Dispose()
    {
        Categorical.Dispose();
        Continuous.Dispose();
        Labels.Dispose();
    }

    private static string ColumnOfFeature(TabularColumns columns, int feature)
    {
        foreach (var (name, width, _) in columns.Continuous)
        {
            if (feature < width) return name;
            feature -= width;
        }
        return "?";
    }

    private static Func<Span<float>, int> ContinuousReader(DataViewRowCursor cursor, DataViewSchema.Column column, int width)
    {
        if (column.Type == NumberDataViewType.Double)
        {
            var wide = cursor.GetGetter<double>(column);
            double value = 0;
            return target =>
            {
                wide(ref value);
                target[0] = (float)value;
                return 1;
            };
        }
        if (column.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            return target =>
            {
                getter(ref value);
                target[0] = value;
                return 1;
            };
        }
        var vectorGetter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        return target =>
        {
            vectorGetter(ref buffer);
            buffer.CopyTo(target[..width]);
            return width;
        };
    }

    private static Func<float> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column column, TabularNetTask task)
    {
        switch (task)
        {
            case TabularNetTask.Regression:
            {
                var getter = cursor.GetGetter<float>(column);
                float value = 0;
                return () => { getter(ref value); return value; };
            }
            case TabularNetTask.BinaryClassification:
            {
                var getter = cursor.GetGetter<bool>(column);
                var value = false;
                return () => { getter(ref value); return value ? 1f : 0f; };
            }
            default:
            {
                // Keys are 1-based class numbers; 0 (missing) becomes −1 and is reported by the caller.
                var getter = cursor.GetGetter<uint>(column);
                uint value = 0;
                return () => { getter(ref value); return (float)value - 1; };
            }
        }
    }
}
