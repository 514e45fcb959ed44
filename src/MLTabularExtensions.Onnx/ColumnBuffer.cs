using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MLTabularExtensions.Onnx;

/// <summary>Rows × width values of one graph input or output, with what moves them between a row and the buffer.</summary>
internal abstract class ColumnBuffer(OnnxColumn column) : IDisposable
{
    public OnnxColumn Column { get; } = column;

    // The element types batched, each with its buffer's constructor.
    private static readonly Dictionary<Type, Func<OnnxColumn, int, ColumnBuffer>> Buffers = new()
    {
        [typeof(float)] = (c, rows) => new ColumnBuffer<float>(c, rows, TensorElementType.Float),
        [typeof(double)] = (c, rows) => new ColumnBuffer<double>(c, rows, TensorElementType.Double),
        [typeof(uint)] = (c, rows) => new ColumnBuffer<uint>(c, rows, TensorElementType.UInt32),
        [typeof(int)] = (c, rows) => new ColumnBuffer<int>(c, rows, TensorElementType.Int32),
        [typeof(long)] = (c, rows) => new ColumnBuffer<long>(c, rows, TensorElementType.Int64),
    };

    public static ColumnBuffer Create(OnnxColumn column, int rows) => Buffers[column.ElementType](column, rows);

    /// <summary>Whether <see cref="Create"/> handles the element type.</summary>
    public static bool Handles(Type elementType) => Buffers.ContainsKey(elementType);

    /// <summary>An action that copies <paramref name="row"/>'s current value into slot <c>i</c>.</summary>
    public abstract Action<int> Reader(DataViewRow row);

    /// <summary>
    /// The first <paramref name="rows"/> slots as an ONNX Runtime tensor over this buffer (no copy), owned by the buffer:
    /// made again only when the row count changes, since making one per call cost a single row ~10 µs over a graph's
    /// 38 inputs.
    /// </summary>
    public abstract OrtValue Tensor(int rows);

    public abstract void Dispose();

    /// <summary>Copies a graph output of <paramref name="rows"/> rows into the buffer.</summary>
    public abstract void CopyFrom(OrtValue value, int rows);

    /// <summary>A getter of slot <paramref name="slot"/>()'s value, typed as the output column is.</summary>
    public abstract Delegate Getter(Func<int> slot);
}

/// <inheritdoc />
internal sealed class ColumnBuffer<T>(OnnxColumn column, int rows, TensorElementType elementType) : ColumnBuffer(column)
    where T : unmanaged
{
    // On the pinned heap, so that an ONNX Runtime tensor can point at it for the buffer's life with no pin to release:
    // a row that is never disposed leaves only garbage behind (ONNX Runtime's finalizer frees its tensor, not a pin).
    private readonly T[] _values = GC.AllocateArray<T>(rows * column.Width, pinned: true);
    private OrtValue? _tensor;
    private int _tensorRows;

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

    public override OrtValue Tensor(int rows)
    {
        if (_tensor is null || _tensorRows != rows)
        {
            _tensor?.Dispose();
            _tensor = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, elementType, [rows, .. Column.RowShape],
                Marshal.UnsafeAddrOfPinnedArrayElement(_values, 0), (long)rows * Column.Width * Marshal.SizeOf<T>());
            _tensorRows = rows;
        }
        return _tensor;
    }

    public override void Dispose()
    {
        _tensor?.Dispose();
        _tensor = null;
    }

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
