using MLTabularExtensions.TorchSharp.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace MLTabularExtensions.Vision.TorchSharp;

/// <summary>
/// Writes a trained <see cref="ImageCnnModule"/> in eval mode as an ONNX graph: pixels [N, C·H·W] in; softmax
/// probabilities, the 1-based class number and the chosen heatmap out. Each BatchNorm (running statistics) is folded
/// into the convolution before it. A flip-averaged heatmap runs each image and its mirror image as one batch; the
/// class scores come from the image alone. A smoothed heatmap is filtered last, as <see cref="HeatmapSmoothing"/>.
/// </summary>
internal static class ImageCnnOnnxExport
{
    // libtorch's BatchNorm2d default.

    public static byte[] Export(ImageCnnModule model, string featureName, string probabilityName, string className,
        string heatmapName, HeatmapChoice choice)
    {
        var (heatmap, flipAveraged, smoothed) = choice;
        var shape = model.Shape;
        var graph = new OnnxGraphBuilder("ImageCnn");
        var input = graph.Input(featureName, TensorProto.Types.DataType.Float, shape.Pixels);
        var x = graph.Node("Reshape", [input, graph.Constant([-1L, shape.Channels, shape.Height, shape.Width], 4)]);
        if (flipAveraged) x = graph.Node("Concat", [x, Mirror(graph, x, axis: 3)], OnnxGraphBuilder.Int("axis", 0));
        x = graph.Node("Sub", [x, graph.Constant(model.Mean)]);
        x = graph.Node("Div", [x, graph.Constant(model.Std)]);
        x = Pool(graph, graph.Node("Relu", [Conv(graph, x, model.Stem)]));
        foreach (var block in model.Stages)
        {
            if (block.Halves) x = Pool(graph, x);
            var path = graph.Node("Relu", [Conv(graph, x, block.First)]);
            path = Conv(graph, path, block.Second);
            var identity = block.Shortcut is { } shortcut ? Conv(graph, x, shortcut) : x;
            x = graph.Node("Relu", [graph.Node("Add", [path, identity])]);
        }
        var activations = x;
        string? mirrored = null;
        if (flipAveraged)
        {
            var pair = graph.Node("Reshape", [activations, graph.Constant([2L, -1, shape.Widths[^1], shape.HeatmapHeight, shape.HeatmapWidth], 5)]);
            activations = graph.Node("Gather", [pair, graph.Constant([0L])], OnnxGraphBuilder.Int("axis", 0));
            mirrored = graph.Node("Gather", [pair, graph.Constant([1L])], OnnxGraphBuilder.Int("axis", 0));
        }
        var pooled = graph.Node("Flatten", [graph.Node("GlobalAveragePool", [activations])], OnnxGraphBuilder.Int("axis", 1));
        var head = model.Head;
        var logits = graph.Node("Gemm", [pooled, graph.Constant(head.weight!), graph.Constant(head.bias!)], OnnxGraphBuilder.Int("transB", 1));
        var best = MulticlassOutputs.Add(graph, logits, probabilityName, className, shape.Classes);
        var map = Heatmap(graph, activations, best, model, heatmap);
        if (mirrored is not null)
        {
            var back = Mirror(graph, Heatmap(graph, mirrored, best, model, heatmap), axis: 2);
            map = graph.Node("Mul", [graph.Node("Add", [map, back]), graph.Constant([0.5f], 1)]);
        }
        if (smoothed) map = Smooth(graph, map, shape.HeatmapHeight, shape.HeatmapWidth);
        graph.FlatOutput(map, heatmapName, shape.HeatmapHeight, shape.HeatmapWidth);
        return graph.Serialize("MLTabularExtensions.ImageCnn");
    }

    private static string Heatmap(OnnxGraphBuilder graph, string activations, string best, ImageCnnModule model, HeatmapKind kind)
    {
        if (kind == HeatmapKind.ChannelMean)
            return graph.Node("ReduceMean", [activations], OnnxGraphBuilder.Ints("axes", 1), OnnxGraphBuilder.Int("keepdims", 0));
        var shape = model.Shape;
        var rows = graph.Node("Reshape", [best, graph.Constant([-1L], 1)]);
        var weights = graph.Node("Gather", [graph.Constant(model.Head.weight!), rows], OnnxGraphBuilder.Int("axis", 0));
        weights = graph.Node("Reshape", [weights, graph.Constant([-1L, shape.Widths[^1], 1, 1], 4)]);
        var weighted = graph.Node("Mul", [activations, weights]);
        var map = graph.Node("ReduceSum", [weighted, graph.Constant([1L], 1)], OnnxGraphBuilder.Int("keepdims", 0));
        if (kind == HeatmapKind.ClassActivation) return map;
        // d(score)/d(activation) is the class weight over h·w at every position, so Grad-CAM's channel weights are
        // the CAM weights scaled by 1 / (h·w).
        var cells = (float)(shape.HeatmapHeight * shape.HeatmapWidth);
        return graph.Node("Div", [graph.Node("Relu", [map]), graph.Constant([cells], 1)]);
    }

    /// <summary>Filters maps [N, rows, columns] as <see cref="HeatmapSmoothing.Apply"/>.</summary>
    private static string Smooth(OnnxGraphBuilder graph, string maps, int rows, int columns)
    {
        var planes = graph.Node("Reshape", [maps, graph.Constant([-1L, 1, rows, columns], 4)]);
        var filtered = graph.Node("Conv", [planes, graph.Constant(HeatmapSmoothing.Kernel(), 1, 1, 3, 3)],
            OnnxGraphBuilder.Ints("kernel_shape", 3, 3), OnnxGraphBuilder.Ints("pads", 1, 1, 1, 1));
        var normalised = graph.Node("Div", [filtered, graph.Constant(HeatmapSmoothing.InsideWeights(rows, columns), rows, columns)]);
        return graph.Node("Reshape", [normalised, graph.Constant([-1L, rows, columns], 3)]);
    }

    /// <summary>Reverses <paramref name="axis"/> (a Slice from the last element backwards to the first).</summary>
    private static string Mirror(OnnxGraphBuilder graph, string x, long axis) => graph.Node("Slice",
        [x, graph.Constant([-1L], 1), graph.Constant([long.MinValue], 1), graph.Constant([axis], 1), graph.Constant([-1L], 1)]);

    /// <summary>As <see cref="Downsample"/>: ONNX's AveragePool excludes the missing pixels of a ceil-mode window by default.</summary>
    private static string Pool(OnnxGraphBuilder graph, string x) => graph.Node("AveragePool", [x],
        OnnxGraphBuilder.Ints("kernel_shape", Downsample.Factor, Downsample.Factor),
        OnnxGraphBuilder.Ints("strides", Downsample.Factor, Downsample.Factor), OnnxGraphBuilder.Int("ceil_mode", 1));

    private static string Conv(OnnxGraphBuilder graph, string x, ConvNorm layer)
    {
        var weight = layer.Conv.weight!;
        var norm = layer.Norm;
        var (scale, shift) = BatchNormFolding.Of(norm);
        var w = OnnxGraphBuilder.Values(weight);
        var outputs = (int)weight.shape[0];
        var perOutput = w.Length / outputs;
        float[] bias = [.. shift.Select(v => (float)v)];
        for (var o = 0; o < outputs; o++)
        {
            for (var k = 0; k < perOutput; k++) w[o * perOutput + k] = (float)(w[o * perOutput + k] * scale[o]);
        }
        var kernel = weight.shape[2];
        var pad = kernel / 2;
        return graph.Node("Conv", [x, graph.Constant(w, weight.shape), graph.Constant(bias, outputs)],
            OnnxGraphBuilder.Ints("kernel_shape", kernel, kernel), OnnxGraphBuilder.Ints("pads", pad, pad, pad, pad));
    }
}
