using Google.Protobuf;
using Onnx;

namespace MLTabularExtensions.TorchSharp.Onnx;

/// <summary>Builds an ONNX graph node by node; each node gets a fresh output name.</summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    private const string BatchDimension = "N";
    private readonly GraphProto _graph = new() { Name = graphName };
    private int _names;

    /// <summary>A graph input of shape [N, width].</summary>
    public string Input(string name, TensorProto.Types.DataType type, long width)
    {
        _graph.Input.Add(Value(name, type, width));
        return name;
    }

    /// <summary>Renames <paramref name="value"/> to <paramref name="name"/> and declares it a graph output of shape [N, width].</summary>
    public void Output(string value, string name, long width, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        Node("Identity", [value], name);
        _graph.Output.Add(Value(name, type, width));
    }

    /// <summary>
    /// Declares <paramref name="value"/> ([N, width]) as a flat output of shape [width]: ML.NET scores one row per call
    /// and types a [1, width] output as a 2-D vector, while its multiclass evaluator needs a plain vector.
    /// </summary>
    public void FlatOutput(string value, string name, long width)
    {
        Node("Reshape", [value, Constant([-1L], 1)], name);
        var info = Value(name, TensorProto.Types.DataType.Float, width);
        info.Type.TensorType.Shape.Dim.RemoveAt(0);
        _graph.Output.Add(info);
    }

    /// <summary>An int64 constant.</summary>
    public string Constant(long[] values, params long[] dims)
    {
        var name = Fresh("const");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A float constant.</summary>
    public string Constant(float[] values, params long[] dims)
    {
        var name = Fresh("const");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A node with one output; returns the output's name.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(op, inputs, Fresh(op), attributes);

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public ModelProto Model(string producer) => new()
    {
        IrVersion = 8,
        ProducerName = producer,
        Graph = _graph,
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
    };

    private string Node(string op, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private string Fresh(string stem) => $"{stem}_{_names++}";

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, long width) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)type,
                Shape = new TensorShapeProto
                {
                    Dim =
                    {
                        new TensorShapeProto.Types.Dimension { DimParam = BatchDimension },
                        new TensorShapeProto.Types.Dimension { DimValue = width },
                    },
                },
            },
        },
    };
}
