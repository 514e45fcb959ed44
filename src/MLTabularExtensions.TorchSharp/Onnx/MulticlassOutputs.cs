using Onnx;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>The outputs of every multiclass graph here: softmax probabilities (flat) and the 1-based predicted class number.</summary>
internal static class MulticlassOutputs
{
    /// <summary>Returns the 0-based predicted class, int64 [N], for graphs that need it further.</summary>
    public static string Add(OnnxGraphBuilder graph, string logits, string probabilityName, string className, long classes)
    {
        var best = graph.Node("ArgMax", [logits], OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Int("keepdims", 1));
        var number = graph.Node("Add", [best, graph.Constant([1L], 1)]);
        var key = graph.Node("Cast", [number], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Uint32));
        graph.Output(key, className, 1, TensorProto.Types.DataType.Uint32);
        graph.FlatOutput(graph.Node("Softmax", [logits], OnnxGraphBuilder.Int("axis", 1)), probabilityName, classes);
        return best;
    }
}
