using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions;
using MLTabularExtensions.Data;

// ScoringHost MODEL.zip DATA.csv SCORES.txt: writes one Score per line, then reports what the process loaded.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ScoringHost MODEL.zip DATA.csv SCORES.txt");
    return 2;
}
var context = new MLContext().RegisterTabularExtensions();
var model = context.Model.Load(args[0], out var schema);
var scores = model.Transform(CsvData.ReadForModel(args[1], model, schema)).GetColumn<float>("Score");
File.WriteAllLines(args[2], scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
(model as IDisposable)?.Dispose();
var managed = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name!.StartsWith("TorchSharp", StringComparison.Ordinal));
var native = File.ReadAllText("/proc/self/maps").Contains("libtorch", StringComparison.Ordinal);
Console.WriteLine($"TorchSharp loaded: {managed}; libtorch mapped: {native}");
return 0;
