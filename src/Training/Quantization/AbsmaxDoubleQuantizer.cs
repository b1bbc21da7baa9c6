using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// QLoRA's double quantization of the per-block absmax constants, with bitsandbytes' semantics: subtract
/// their mean (kept as one float32 offset), then quantize the centred values blockwise (256 per block) to
/// 8-bit codes of the signed dynamic map, with one float32 absmax scale per 256-block.
/// Storage: 8 bits per constant + 32 bits per 256 constants + 32 bits of offset.
/// </summary>
public static class AbsmaxDoubleQuantizer
{
    public const int BlockSize = 256;

    /// <summary>absmax (k, float32) → codes (k, uint8), scales (ceil(k / 256), float32), offset (1, float32).</summary>
    public static (Tensor Codes, Tensor Scales, Tensor Offset) Quantize(Tensor absmax, Tensor dynamicMap)
    {
        using var scope = NewDisposeScope();
        var a = absmax.to(float32);
        var offset = a.mean().reshape(1);                                              // (1)
        var (codes, scales) = BlockwiseQuantizer.Quantize(a - offset, dynamicMap, BlockSize); // (k), (k/256)
        return (codes.MoveToOuterDisposeScope(), scales.MoveToOuterDisposeScope(), offset.MoveToOuterDisposeScope());
    }

    /// <summary>Inverse: the float32 absmax values (k) the NF4 dequantization multiplies by.</summary>
    public static Tensor Dequantize(Tensor codes, Tensor scales, Tensor offset, Tensor dynamicMap)
    {
        using var scope = NewDisposeScope();
        var centred = BlockwiseQuantizer.Dequantize(codes, scales, dynamicMap, BlockSize); // (k)
        return (centred + offset.to(float32)).MoveToOuterDisposeScope();
    }
}
