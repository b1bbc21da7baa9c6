namespace Sweep.Training.Weights.Onnx;

/// <summary>An ONNX node: operator, named inputs and outputs (edges), and its int/float attributes.</summary>
public sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, long> IntAttributes,
    IReadOnlyDictionary<string, float> FloatAttributes);

/// <summary>
/// An ONNX initializer (a constant tensor): ONNX element type, dims, and its data either as raw little-endian
/// bytes or in the typed repeated fields.
/// </summary>
public sealed record OnnxInitializer(
    string Name,
    int DataType,
    long[] Dims,
    ReadOnlyMemory<byte> RawData,
    IReadOnlyList<float> FloatData,
    IReadOnlyList<long> Int64Data);

/// <summary>The parts of an ONNX graph the importer needs, in file order.</summary>
public sealed record OnnxGraph(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs);
