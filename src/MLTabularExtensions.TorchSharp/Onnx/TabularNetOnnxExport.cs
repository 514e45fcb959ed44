using MLTabularExtensions.TorchSharp.Model;
using MLTabularExtensions.TorchSharp.Training;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>
/// Writes a trained <see cref="TabularModule"/> in eval mode (dropout off; every BatchNorm with its running statistics
/// folded into the next layer's weights and bias) as an ONNX graph whose inputs are the data's own columns: each key
/// column as uint32 [N, 1] (cast and gathered inside the graph, so key 0 selects embedding row 0) and each continuous
/// column as float [N, w].
/// </summary>
internal static class TabularNetOnnxExport
{
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
        if (columns.Categorical.Count > 0) features.Add(Embedded(graph, model.Embeddings!, columns));
        (double[] Scale, double[] Shift)? previousNorm = null;
        if (columns.Continuous.Count > 0)
        {
            var inputs = columns.Continuous.Select(c => c.IsDouble
                ? graph.Node("Cast", [graph.Input(c.Name, TensorProto.Types.DataType.Double, c.Width)], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Float))
                : graph.Input(c.Name, TensorProto.Types.DataType.Float, c.Width)).ToList();
            features.Add(inputs.Count == 1 ? inputs[0] : graph.Node("Concat", inputs, OnnxGraphBuilder.Int("axis", 1)));
            if (model.ContinuousNorm is { } norm) previousNorm = ContinuousOnly(shape.Embeddings.Sum(e => e.Width), BatchNormFolding.Of(norm));
        }
        var x = features.Count == 1 ? features[0] : graph.Node("Concat", features, OnnxGraphBuilder.Int("axis", 1));
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

    /// <summary>
    /// Every key column's embedding in one lookup, as <see cref="FusedEmbedding.forward"/> does it: the keys concatenated,
    /// then position p reads <c>flat[start[p] + key[column[p]] · width[p]]</c>. Six nodes, where a Cast, Gather and
    /// Flatten per column cost ONNX Runtime a node's dispatch each on every call (66 for the Rossmann lesson).
    /// </summary>
    private static string Embedded(OnnxGraphBuilder graph, FusedEmbedding embeddings, TabularColumns columns)
    {
        var inputs = columns.Categorical.Select(c => graph.Input(c.Name, TensorProto.Types.DataType.Uint32, 1)).ToList();
        var keys = inputs.Count == 1 ? inputs[0] : graph.Node("Concat", inputs, OnnxGraphBuilder.Int("axis", 1));
        keys = graph.Node("Cast", [keys], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Int64));
        var (column, width, start) = embeddings.Layout();
        var perPosition = graph.Node("Gather", [keys, graph.Constant(column, column.Length)], OnnxGraphBuilder.Int("axis", 1));
        var scaled = graph.Node("Mul", [perPosition, graph.Constant(width, width.Length)]);
        var positions = graph.Node("Add", [scaled, graph.Constant(start, start.Length)]);
        var flat = OnnxGraphBuilder.Values(embeddings.Weight);
        return graph.Node("Gather", [graph.Constant(flat, flat.Length), positions], OnnxGraphBuilder.Int("axis", 0));
    }

    /// <summary>
    /// The continuous inputs' BatchNorm as a scale and shift over the first layer's whole input, identity on the
    /// <paramref name="embeddedWidth"/> embedding values before them, for <see cref="Dense"/> to fold into the weights.
    /// </summary>
    private static (double[] Scale, double[] Shift) ContinuousOnly(int embeddedWidth, (double[] Scale, double[] Shift) norm) =>
        ([.. Enumerable.Repeat(1.0, embeddedWidth), .. norm.Scale], [.. new double[embeddedWidth], .. norm.Shift]);
}
