namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// Reads an ONNX ModelProto's graph with <see cref="ProtoReader"/>. Field numbers (onnx.proto3):
/// ModelProto.graph = 7; GraphProto node = 1, initializer = 5, input = 11, output = 12;
/// NodeProto input = 1, output = 2, name = 3, op_type = 4, attribute = 5;
/// AttributeProto name = 1, f = 2, i = 3, type = 20; ValueInfoProto name = 1;
/// TensorProto dims = 1, data_type = 2, float_data = 4, int64_data = 7, name = 8, raw_data = 9, data_location = 14.
/// </summary>
public static class OnnxModelReader
{
    public static OnnxGraph ReadGraph(ReadOnlyMemory<byte> model, string source)
    {
        var r = new ProtoReader(model, source);
        OnnxGraph? graph = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field == 7 && wire == ProtoReader.LengthDelimited)
                graph = ReadGraph(r.ReadMessage(), source);
            else
                r.Skip(wire);
        }
        return graph ?? throw new InvalidInputException($"{source}: not an ONNX model: no graph (ModelProto field 7)");
    }

    private static OnnxGraph ReadGraph(ProtoReader r, string source)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited: nodes.Add(ReadNode(r.ReadMessage())); break;
                case 5 when wire == ProtoReader.LengthDelimited: initializers.Add(ReadTensor(r.ReadMessage(), source)); break;
                case 11 when wire == ProtoReader.LengthDelimited: inputs.Add(ReadValueInfoName(r.ReadMessage())); break;
                case 12 when wire == ProtoReader.LengthDelimited: outputs.Add(ReadValueInfoName(r.ReadMessage())); break;
                default: r.Skip(wire); break;
            }
        }
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static OnnxNode ReadNode(ProtoReader r)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var ints = new Dictionary<string, long>(StringComparer.Ordinal);
        var floats = new Dictionary<string, float>(StringComparer.Ordinal);
        string name = "", op = "";
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited: inputs.Add(r.ReadString()); break;
                case 2 when wire == ProtoReader.LengthDelimited: outputs.Add(r.ReadString()); break;
                case 3 when wire == ProtoReader.LengthDelimited: name = r.ReadString(); break;
                case 4 when wire == ProtoReader.LengthDelimited: op = r.ReadString(); break;
                case 5 when wire == ProtoReader.LengthDelimited: ReadAttribute(r.ReadMessage(), ints, floats); break;
                default: r.Skip(wire); break;
            }
        }
        return new OnnxNode(name, op, inputs, outputs, ints, floats);
    }

    private static void ReadAttribute(ProtoReader r, Dictionary<string, long> ints, Dictionary<string, float> floats)
    {
        string? name = null;
        long? i = null;
        float? f = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited: name = r.ReadString(); break;
                case 2 when wire == ProtoReader.Fixed32: f = r.ReadFixed32Float(); break;
                case 3 when wire == ProtoReader.Varint: i = r.ReadInt64(); break;
                default: r.Skip(wire); break;
            }
        }
        if (name is null)
            return;
        if (i is { } iv)
            ints[name] = iv;
        if (f is { } fv)
            floats[name] = fv;
    }

    private static string ReadValueInfoName(ProtoReader r)
    {
        var name = "";
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field == 1 && wire == ProtoReader.LengthDelimited)
                name = r.ReadString();
            else
                r.Skip(wire);
        }
        return name;
    }

    private static OnnxInitializer ReadTensor(ProtoReader r, string source)
    {
        var dims = new List<long>();
        var floats = new List<float>();
        var int64s = new List<long>();
        var raw = ReadOnlyMemory<byte>.Empty;
        string name = "";
        var dataType = 0;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case 1: r.ReadInt64s(wire, dims); break;
                case 2 when wire == ProtoReader.Varint: dataType = (int)r.ReadInt64(); break;
                case 4: r.ReadFloats(wire, floats); break;
                case 7: r.ReadInt64s(wire, int64s); break;
                case 8 when wire == ProtoReader.LengthDelimited: name = r.ReadString(); break;
                case 9 when wire == ProtoReader.LengthDelimited: raw = r.ReadBytes(); break;
                case 14 when wire == ProtoReader.Varint:
                    if (r.ReadInt64() != 0)
                        throw new InvalidInputException($"{source}: initializer '{name}' keeps its data in an external file, which is not supported");
                    break;
                default: r.Skip(wire); break;
            }
        }
        return new OnnxInitializer(name, dataType, dims.ToArray(), raw, floats, int64s);
    }
}
