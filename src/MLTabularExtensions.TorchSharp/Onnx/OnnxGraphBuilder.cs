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
    /// Declares <paramref name="value"/> ([N, ...]) as an output of shape <paramref name="dims"/> without the batch
    /// dimension: ML.NET scores one row per call and types a [1, width] output as a 2-D vector, while its multiclass
    /// evaluator needs a plain vector.
    /// </summary>
    public void FlatOutput(string value, string name, params long[] dims)
    {
        Node("Reshape", [value, Constant(dims, dims.Length)], name);
        var info = Value(name, TensorProto.Types.DataType.Float, dims);
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

    /// <summary>A float constant holding a copy of <paramref name="tensor"/>, with its shape.</summary>
    public string Constant(global::TorchSharp.torch.Tensor tensor) => Constant(Values(tensor), tensor.shape);

    /// <summary>The values of a float tensor, row-major, on the CPU.</summary>
    public static float[] Values(global::TorchSharp.torch.Tensor tensor)
    {
        using var copy = tensor.detach().cpu().contiguous();
        return copy.data<float>().ToArray();
    }

    /// <summary>A node with one output; returns the output's name.</summary>
    public string Node(string op, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(op, inputs, Fresh(op), attributes);

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public ModelProto Model(string producer) => new()
    {
        IrVersion = 8,
        ProducerName = producer,
        Graph = _graph,
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
    };

    /// <summary>The model's protobuf bytes.</summary>
    public byte[] Serialize(string producer)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream))
        {
            Model(producer).WriteTo(output);
        }
        return stream.ToArray();
    }

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

    /// <summary>A value of shape [N, dims...].</summary>
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = BatchDimension } } };
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
