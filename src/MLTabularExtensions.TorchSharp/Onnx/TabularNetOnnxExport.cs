using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Training;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>
/// Writes a trained <see cref="TabularModule"/> in eval mode (dropout off; BatchNorm with running statistics folded
/// into the next layer's weights, or into a multiply-add on the continuous inputs) as an ONNX graph whose inputs are the
/// data's own columns: each key column as uint32 [N, 1] (cast and gathered inside the graph, so key 0 selects embedding
/// row 0) and each continuous column as float [N, w].
/// </summary>
internal static class TabularNetOnnxExport
{
    // libtorch's BatchNorm1d default, which TabularModule uses.

    /// <summary>
    /// The graph: <paramref name="outputName"/> holds the prediction (exp'd with <paramref name="logTarget"/>), or for
    /// multiclass the softmax probabilities, plus <paramref name="classOutputName"/> with the 1-based class number.
    /// </summary>
    public static byte[] Export(TabularModule model, TabularColumns columns, bool logTarget, string outputName,
        string? classOutputName = null)
    {
        var shape = model.Shape;
        var graph = new OnnxGraphBuilder("TabularNet");
        var features = new List<string>();
        for (var i = 0; i < columns.Categorical.Count; i++)
        {
            var input = graph.Input(columns.Categorical[i].Name, TensorProto.Types.DataType.Uint32, 1);
            var index = graph.Node("Cast", [input], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Int64));
            var weights = OnnxGraphBuilder.Values(model.Embeddings!.Table(i));
            var table = graph.Constant(weights, shape.Embeddings[i].Cardinality, shape.Embeddings[i].Width);
            var gathered = graph.Node("Gather", [table, index], OnnxGraphBuilder.Int("axis", 0));
            features.Add(graph.Node("Flatten", [gathered], OnnxGraphBuilder.Int("axis", 1)));
        }
        if (columns.Continuous.Count > 0)
        {
            var inputs = columns.Continuous.Select(c => c.IsDouble
                ? graph.Node("Cast", [graph.Input(c.Name, TensorProto.Types.DataType.Double, c.Width)], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float))
                : graph.Input(c.Name, TensorProto.Types.DataType.Float, c.Width)).ToList();
            var continuous = inputs.Count == 1 ? inputs[0] : graph.Node("Concat", inputs, OnnxGraphBuilder.Int("axis", 1));
            features.Add(model.ContinuousNorm is { } norm ? FoldedBatchNorm(graph, continuous, norm) : continuous);
        }
        var x = features.Count == 1 ? features[0] : graph.Node("Concat", features, OnnxGraphBuilder.Int("axis", 1));
        (double[] Scale, double[] Shift)? previousNorm = null;
        for (var i = 0; i < model.Linears.Count; i++)
        {
            x = Dense(graph, x, model.Linears[i], previousNorm);
            if (i == model.Linears.Count - 1) break;
            x = graph.Node("Relu", [x]);
            // The BatchNorm after a hidden layer's ReLU goes into the next layer's weights and bias: W(s·h + t) + b =
            // (W·diag(s))h + (W·t + b), two fewer passes over every row's activations.
            previousNorm = shape.UseBatchNorm ? BatchNormFolding.Of(model.Norms[i]) : null;
        }
        if (shape.YRange is var (low, high))
        {
            x = graph.Node("Sigmoid", [x]);
            x = graph.Node("Mul", [x, graph.Constant([high - low], 1)]);
            x = graph.Node("Add", [x, graph.Constant([low], 1)]);
        }
        if (logTarget) x = graph.Node("Exp", [x]);
        if (columns.Task == TabularNetTask.MulticlassClassification)
        {
            MulticlassOutputs.Add(graph, x, outputName, classOutputName ?? throw new ArgumentNullException(nameof(classOutputName)), shape.Outputs);
        }
        else
        {
            graph.Output(x, outputName, shape.Outputs);
        }
        return graph.Serialize("MLTabularExtensions.TabularNet");
    }

    /// <summary>A Gemm of <paramref name="linear"/>, with the BatchNorm <paramref name="before"/> it (scale, shift per input) folded in.</summary>
    private static string Dense(OnnxGraphBuilder graph, string x, Linear linear, (double[] Scale, double[] Shift)? before)
    {
        var weight = linear.weight!;
        var (outputs, inputs) = ((int)weight.shape[0], (int)weight.shape[1]);
        var w = OnnxGraphBuilder.Values(weight);
        float[]? bias = linear.bias is { } b ? OnnxGraphBuilder.Values(b) : null;
        if (before is var (scale, shift))
        {
            var folded = new float[w.Length];
            var foldedBias = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                double sum = bias?[o] ?? 0;
                for (var k = 0; k < inputs; k++)
                {
                    folded[o * inputs + k] = (float)(w[o * inputs + k] * scale[k]);
                    sum += w[o * inputs + k] * shift[k];
                }
                foldedBias[o] = (float)sum;
            }
            (w, bias) = (folded, foldedBias);
        }
        var weights = graph.Constant(w, outputs, inputs);
        string[] operands = bias is null ? [x, weights] : [x, weights, graph.Constant(bias, outputs)];
        return graph.Node("Gemm", operands, OnnxGraphBuilder.Int("transB", 1));
    }

    private static string FoldedBatchNorm(OnnxGraphBuilder graph, string x, BatchNorm1d norm)
    {
        var (folded, offset) = BatchNormFolding.Of(norm);
        float[] scale = [.. folded.Select(v => (float)v)];
        float[] shift = [.. offset.Select(v => (float)v)];
        var scaled = graph.Node("Mul", [x, graph.Constant(scale, scale.Length)]);
        return graph.Node("Add", [scaled, graph.Constant(shift, shift.Length)]);
    }
}
