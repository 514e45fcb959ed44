using System.Globalization;
using System.Text;
using Microsoft.ML;
using MLTabularExtensions.Lessons.Rossmann;
using MLTabularExtensions.TorchSharp;
using MLTabularExtensions.TorchSharp.Training;
using static TorchSharp.torch;

namespace MLTabularExtensions.Benchmarks;

/// <summary>
/// <c>-- lesson-table DIR</c>: the Rossmann lesson's training and validation tables exactly as TabularNet reads them
/// (date parts + TabularPreprocess fitted on the training rows; key 0 = missing), written as NumPy files for
/// <c>benchmarks/anchors/plain_pytorch_loop.py --table DIR</c>, so plain PyTorch trains on the same rows:
/// <c>{train,valid}_cat.npy</c> (int64 [N, 22]), <c>{train,valid}_cont.npy</c> (float32 [N, 16]),
/// <c>{train,valid}_sales.npy</c> (float32 [N]) and <c>lesson.json</c> (cardinalities with the missing slot, y range).
/// </summary>
internal static class LessonTableExport
{
    public static void Run(string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var context = new MLContext(seed: 1);
        var rows = RossmannLesson.Build(RossmannSourceFiles.Load(context, RossmannInput.Folder));
        var train = context.Data.LoadFromEnumerable(rows.Where(r => r.Date < RossmannLesson.ValidationStart).ToArray());
        var valid = context.Data.LoadFromEnumerable(rows.Where(r => r.Date >= RossmannLesson.ValidationStart).ToArray());
        var preprocess = RossmannLesson.Preprocessing(context).Fit(train);
        var options = new TabularNetOptions
        {
            LabelColumnName = nameof(LessonRow.Sales),
            CategoricalColumns = preprocess.LastTransformer.CategoricalColumns,
            ContinuousColumns = preprocess.LastTransformer.ContinuousColumns,
        };
        var columns = TabularColumns.Resolve(preprocess.Transform(train).Schema, options, TabularNetTask.Regression, "train");
        foreach (var (name, data) in new[] { ("train", train), ("valid", valid) })
        {
            using var table = TabularTable.Read(preprocess.Transform(data), columns, logTarget: false, CPU, name);
            using var keys = table.Categorical.to_type(ScalarType.Int64);
            Npy.Write(Path.Combine(folder, $"{name}_cat.npy"), keys.data<long>().ToArray(), "<i8", table.Rows, columns.Categorical.Count);
            Npy.Write(Path.Combine(folder, $"{name}_cont.npy"), table.Continuous.data<float>().ToArray(), "<f4", table.Rows, columns.ContinuousWidth);
            Npy.Write(Path.Combine(folder, $"{name}_sales.npy"), table.RawLabels, "<f4", table.Rows);
            output.WriteLine($"{name}: {table.Rows:N0} rows, {columns.Categorical.Count} categorical, {columns.ContinuousWidth} continuous");
        }
        var maxLog = Math.Log(rows.Where(r => r.Date < RossmannLesson.ValidationStart).Max(r => r.Sales)) + Math.Log(1.2);
        var cardinalities = string.Join(", ", columns.Categorical.Select(c => (c.KeyCount + 1).ToString(CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(folder, "lesson.json"),
            $"{{\"cardinalities\": [{cardinalities}], \"y_max\": {maxLog.ToString("R", CultureInfo.InvariantCulture)}}}\n");
        output.WriteLine($"wrote {folder}");
    }

    /// <summary>NumPy's .npy format 1.0: magic, version, a little-endian header length, a Python dict literal, the data.</summary>
    private static class Npy
    {
        public static void Write<T>(string path, T[] values, string dtype, params long[] shape) where T : unmanaged
        {
            var dims = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
            var header = $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {dims}, }}";
            // Magic (6) + version (2) + length (2) + header + '\n' is a multiple of 64.
            header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
            using var file = new BinaryWriter(File.Create(path));
            file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            file.Write((ushort)header.Length);
            file.Write(Encoding.ASCII.GetBytes(header));
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }
}
