using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

// PLACEHOLDER until the quantization branch lands (h/quant replaces this file): same API, no packing yet.
public sealed class Nf4Weight : nn.Module
{
    private Nf4Weight() : base(nameof(Nf4Weight)) { }
    public static Nf4Weight Quantize(Tensor weight, bool doubleQuant) => throw new NotSupportedException("NF4 lands with the quantization work");
    public Tensor Dequantize(ScalarType dtype) => throw new NotSupportedException();
    public long StorageBytes => 0;
}
