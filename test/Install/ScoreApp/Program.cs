using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions;
using MLTabularExtensions.Onnx;

// Scores sales.csv with the model TrainApp saved, with ML.NET's built-ins alone and with batched scoring, and checks
// both give TrainApp's scores, without TorchSharp.
var ml = new MLContext().RegisterTabularExtensions();
var csv = new TextLoader.Options { Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true };
var data = ml.Data.LoadFromTextFile<ModelInput>(args[1], csv);
var expected = File.ReadLines(args[2]).Select(line => float.Parse(line, CultureInfo.InvariantCulture)).ToArray();
foreach (var (name, model) in new[] { ("Model.Load", ml.Model.Load(args[0], out _)), ("LoadWithBatchedScoring", ml.Model.LoadWithBatchedScoring(args[0], out _)) })
{
    var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
    (model as IDisposable)?.Dispose();
    if (!scores.SequenceEqual(expected)) throw new InvalidOperationException($"{name}: scores differ from the training app's");
}
var torch = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Where(n => n!.StartsWith("TorchSharp", StringComparison.Ordinal));
if (torch.Any() || File.ReadAllText("/proc/self/maps").Contains("libtorch", StringComparison.Ordinal))
    throw new InvalidOperationException("TorchSharp or libtorch was loaded by a scoring-only app");
Console.WriteLine($"OK: {expected.Length} rows score as in the training app, loaded both ways; TorchSharp never loaded");
