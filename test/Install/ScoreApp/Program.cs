using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions;

// Scores sales.csv with the model TrainApp saved, and checks the scores equal TrainApp's, without TorchSharp.
var ml = new MLContext().RegisterTabularExtensions();
var model = ml.Model.Load(args[0], out _);
var csv = new TextLoader.Options { Separators = [','], HasHeader = true, AllowQuoting = true, MissingRealsAsNaNs = true };
var data = ml.Data.LoadFromTextFile<ModelInput>(args[1], csv);
var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
(model as IDisposable)?.Dispose();

var expected = File.ReadLines(args[2]).Select(line => float.Parse(line, CultureInfo.InvariantCulture)).ToArray();
if (!scores.SequenceEqual(expected)) throw new InvalidOperationException("scores differ from the training app's");
var torch = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Where(n => n!.StartsWith("TorchSharp", StringComparison.Ordinal));
if (torch.Any() || File.ReadAllText("/proc/self/maps").Contains("libtorch", StringComparison.Ordinal))
    throw new InvalidOperationException("TorchSharp or libtorch was loaded by a scoring-only app");
Console.WriteLine($"OK: {scores.Length} rows score as in the training app; TorchSharp never loaded");
