using static TorchSharp.torch;

namespace Sweep.Training.Layers;

/// <summary>Short dtype names as results files record them (fp32, bf16, fp16, nf4 …).</summary>
public static class DtypeNames
{
    public static string Of(ScalarType t) => t switch
    {
        ScalarType.Float32 => "fp32",
        ScalarType.BFloat16 => "bf16",
        ScalarType.Float16 => "fp16",
        ScalarType.Float64 => "fp64",
        ScalarType.Int64 => "int64",
        ScalarType.Byte => "uint8",
        _ => t.ToString().ToLowerInvariant(),
    };
}
