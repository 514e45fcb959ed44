using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace MLTabularExtensions.Onnx;

/// <summary>Rows × width values of one graph input or output, with what moves them between a row and the buffer.</summary>
internal abstract class ColumnBuffer(OnnxColumn column)
{
    public OnnxColumn Column { get; } = column;

    // The element types batched, each with its buffer's constructor.
    private static readonly Dictionary<Type, Func<OnnxColumn, int, ColumnBuffer>> Buffers = new()
    {
        [typeof(float)] = (c, rows) => new ColumnBuffer<float>(c, rows),
        [typeof(double)] = (c, rows) => new ColumnBuffer<double>(c, rows),
        [typeof(uint)] = (c, rows) => new ColumnBuffer<uint>(c, rows),
        [typeof(int)] = (c, rows) => new ColumnBuffer<int>(c, rows),
        [typeof(long)] = (c, rows) => new ColumnBuffer<long>(c, rows),
    };

    public static ColumnBuffer Create(OnnxColumn column, int rows) => Buffers[column.ElementType](column, rows);

    /// <summary>Whether <see cref="Create"/> handles the element type.</summary>
    public static bool Handles(Type elementType) => Buffers.ContainsKey(elementType);

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
