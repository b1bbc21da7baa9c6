using static TorchSharp.torch;

namespace Sweep.Training.Weights.Onnx;

/// <summary>The imported HF state dict and, for every ONNX initializer, what it was used as.</summary>
public sealed record OnnxImport(Dictionary<string, Tensor> StateDict, IReadOnlyDictionary<string, string> InitializerUse);
