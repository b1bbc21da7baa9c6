using static TorchSharp.torch;

namespace Sweep.Training.Weights.Onnx;

/// <summary>Turns ONNX initializers into CPU tensors (float32, float16, bfloat16, float64, int64, int32).</summary>
public static class OnnxTensor
{
    // TensorProto.DataType values
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Float16 = 10;
    public const int Double = 11;
    public const int BFloat16 = 16;

    public static Tensor ToTensor(OnnxInitializer init, string source)
    {
        var dtype = init.DataType switch
        {
            Float => ScalarType.Float32,
            Int32 => ScalarType.Int32,
            Int64 => ScalarType.Int64,
            Float16 => ScalarType.Float16,
            Double => ScalarType.Float64,
            BFloat16 => ScalarType.BFloat16,
            _ => throw new InvalidInputException($"{source}: initializer '{init.Name}' has ONNX data type {init.DataType}, which is not supported"),
        };
        var numel = init.Dims.Aggregate(1L, (a, d) => a * d);
        if (!init.RawData.IsEmpty)
        {
            var expected = numel * SafetensorsDType.SizeOf(dtype);
            if (init.RawData.Length != expected)
                throw new InvalidInputException(
                    $"{source}: initializer '{init.Name}' has {init.RawData.Length} bytes of data, dims [{string.Join(", ", init.Dims)}] need {expected}");
            return TensorBytes.FromBytes(init.RawData.Span, init.Dims, dtype);
        }
        if (dtype == ScalarType.Float32 && init.FloatData.Count == numel)
            return tensor(init.FloatData.ToArray()).reshape(init.Dims);
        if (dtype == ScalarType.Int64 && init.Int64Data.Count == numel)
            return tensor(init.Int64Data.ToArray()).reshape(init.Dims);
        throw new InvalidInputException($"{source}: initializer '{init.Name}' has no data matching dims [{string.Join(", ", init.Dims)}]");
    }
}
