using Microsoft.ML;

namespace MLTabularExtensions.Onnx;

/// <summary>
/// The buffers of one cursor (or one PredictionEngine row): graph inputs read from a row into slots, scored together,
/// and the outputs served from the slot the consumer is at.
/// </summary>
internal sealed class OnnxBatch : IDisposable
{
    private readonly OnnxBinding _binding;
    private readonly ColumnBuffer[] _inputs;
    private readonly ColumnBuffer[] _outputs;
    private readonly Action<int>[] _readers;
    private readonly int _capacity;

    public OnnxBatch(OnnxBinding binding, DataViewRow source, int rows)
    {
        _binding = binding;
        _inputs = [.. binding.Inputs.Select(c => ColumnBuffer.Create(c, rows))];
        _outputs = [.. binding.Outputs.Select(c => ColumnBuffer.Create(c, rows))];
        _readers = [.. _inputs.Select(i => i.Reader(source))];
        _capacity = rows;
    }

    /// <summary>Copies the source row's current input values into slot <paramref name="slot"/>.</summary>
    public void Read(int slot)
    {
        foreach (var reader in _readers) reader(slot);
    }

    /// <summary>Scores slots 0 to <paramref name="rows"/> - 1 (a batch of one slot with the row-at-a-time scorer).</summary>
    public void Score(int rows) => _binding.Graph.Score(_binding, _inputs, _outputs, rows, single: _capacity == 1);

    /// <summary>The getter of output <paramref name="output"/> at slot <paramref name="slot"/>().</summary>
    public ValueGetter<TValue> Getter<TValue>(int output, Func<int> slot) =>
        _outputs[output].Getter(slot) as ValueGetter<TValue>
        ?? throw new InvalidOperationException($"Column '{_binding.Outputs[output].Name}' is {_binding.Outputs[output].Column.Type}, not {typeof(TValue).Name}.");

    public void Dispose()
    {
        foreach (var buffer in _inputs.Concat(_outputs)) buffer.Dispose();
    }
}
