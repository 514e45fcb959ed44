using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Vision.Augmentation;

namespace MLTabularExtensions.Vision;

/// <summary>
/// The input data plus one augmented image column, computed lazily row by row. Every cursor opened is a new pass
/// with its own draws, so an epoch that re-reads the data sees new images; draws depend only on (seed, pass, row).
/// </summary>
internal sealed class AugmentedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ImageAugmentOptions _options;
    private readonly int _inputColumn;
    private long _passes;

    public AugmentedDataView(IDataView input, ImageAugmentOptions options, string outputColumnName, int inputColumn,
        DataViewType outputType)
    {
        _input = input;
        _options = options;
        _inputColumn = inputColumn;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        builder.AddColumn(outputColumnName, outputType);
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.Select(c => c.Index).ToHashSet();
        var output = Schema.Count - 1;
        var inputColumns = _input.Schema.Where(c => needed.Contains(c.Index) || (c.Index == _inputColumn && needed.Contains(output)));
        var pass = Interlocked.Increment(ref _passes) - 1;
        return new AugmentedCursor(this, _input.GetRowCursor(inputColumns, rand), pass, needed.Contains(output));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class AugmentedCursor(AugmentedDataView view, DataViewRowCursor input, long pass, bool outputActive)
        : DataViewRowCursor
    {
        private readonly ValueGetter<MLImage>? _source = outputActive ? input.GetGetter<MLImage>(input.Schema[view._inputColumn]) : null;
        private MLImage? _image;
        private long _imagePosition = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == view.Schema.Count - 1 ? outputActive : input.IsColumnActive(input.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != view.Schema.Count - 1) return input.GetGetter<TValue>(input.Schema[column.Index]);
            if (typeof(TValue) != typeof(MLImage))
                throw new InvalidOperationException($"AugmentImages: column '{column.Name}' holds MLImage values, not {typeof(TValue).Name}.");
            ValueGetter<MLImage> getter = (ref MLImage value) => value = Current();
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _image?.Dispose();
                input.Dispose();
            }
            base.Dispose(disposing);
        }

        private MLImage Current()
        {
            if (_imagePosition == input.Position) return _image!;
            MLImage source = null!;
            try
            {
                _source!(ref source);
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
            {
                var column = view._input.Schema[view._inputColumn].Name;
                throw new InvalidOperationException(
                    $"AugmentImages: the image in row {input.Position} of column '{column}' could not be read: {e.Message}", e);
            }
            var augmented = ImageAugmentation.Augment(source, view._options, pass, input.Position);
            _image?.Dispose();
            (_image, _imagePosition) = (augmented, input.Position);
            return augmented;
        }
    }
}
