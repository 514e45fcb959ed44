using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace MLTabularExtensions.Onnx;

/// <summary>Rows × width values of one graph input or output, with what moves them between a row and the buffer.</summary>
internal abstract class ColumnBuffer(OnnxColumn column)
{
    public OnnxColumn Column { get; } = column;

    public static ColumnBuffer Create(OnnxColumn column, int rows) => column.ElementType switch
    {
        var t when t == typeof(float) => new ColumnBuffer<float>(column, rows),
        var t when t == typeof(double) => new ColumnBuffer<double>(column, rows),
        var t when t == typeof(uint) => new ColumnBuffer<uint>(column, rows),
        var t when t == typeof(int) => new ColumnBuffer<int>(column, rows),
        var t when t == typeof(long) => new ColumnBuffer<long>(column, rows),
        var t => throw new NotSupportedException($"ONNX values of {t.Name} are not batched."),
    };

    /// <summary>Whether <see cref="Create"/> handles the element type.</summary>
    public static bool Handles(Type elementType) =>
        elementType == typeof(float) || elementType == typeof(double) || elementType == typeof(uint) || elementType == typeof(int) || elementType == typeof(long);

    /// <summary>An action that copies <paramref name="row"/>'s current value into slot <c>i</c>.</summary>
    public abstract Action<int> Reader(DataViewRow row);

    /// <summary>The first <paramref name="rows"/> slots as an ONNX Runtime tensor over this buffer (no copy).</summary>
    public abstract OrtValue Tensor(int rows);

    /// <summary>Copies a graph output of <paramref name="rows"/> rows into the buffer.</summary>
    public abstract void CopyFrom(OrtValue value, int rows);

    /// <summary>A getter of slot <paramref name="slot"/>()'s value, typed as the output column is.</summary>
    public abstract Delegate Getter(Func<int> slot);
}

/// <inheritdoc />
internal sealed class ColumnBuffer<T>(OnnxColumn column, int rows) : ColumnBuffer(column) where T : unmanaged
{
    private readonly T[] _values = new T[rows * column.Width];

    public override Action<int> Reader(DataViewRow row)
    {
        var width = Column.Width;
        if (!Column.IsVector)
        {
            var scalar = row.GetGetter<T>(Column.Column);
            return i => scalar(ref _values[i]);
        }
        var getter = row.GetGetter<VBuffer<T>>(Column.Column);
        VBuffer<T> value = default;
        return i =>
        {
            getter(ref value);
            value.CopyTo(_values.AsSpan(i * width, width));
        };
    }

    public override OrtValue Tensor(int rows) =>
        OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _values.AsMemory(0, rows * Column.Width), [rows, .. Column.RowShape]);

    public override void CopyFrom(OrtValue value, int rows) =>
        value.GetTensorDataAsSpan<T>()[..(rows * Column.Width)].CopyTo(_values);

    public override Delegate Getter(Func<int> slot)
    {
        var width = Column.Width;
        if (!Column.IsVector) return (ValueGetter<T>)((ref T value) => value = _values[slot()]);
        return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) =>
        {
            var editor = VBufferEditor.Create(ref value, width);
            _values.AsSpan(slot() * width, width).CopyTo(editor.Values);
            value = editor.Commit();
        });
    }
}
