using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// A frozen linear weight (out, in) stored as NF4 (QLoRA): 4-bit codes, two per byte, one absmax per block
/// of 64 values, optionally double-quantized (<see cref="AbsmaxDoubleQuantizer"/>). Only the packed codes and
/// the quantization constants live here, as buffers; <see cref="Dequantize"/> rebuilds the weight in the
/// compute dtype on each call and keeps nothing. The buffers keep their dtypes when a parent module is cast
/// (module.to(bfloat16) moves nothing here but the device), so the stored format never changes silently.
/// </summary>
public sealed class Nf4Weight : nn.Module
{
    /// <summary>Values per absmax block (bitsandbytes' and QLoRA's default).</summary>
    public const int BlockSize = 64;

    private const string PackedName = "packed";
    private const string AbsmaxName = "absmax";
    private const string AbsmaxCodesName = "absmax_codes";
    private const string AbsmaxScalesName = "absmax_scales";
    private const string AbsmaxOffsetName = "absmax_offset";
    private const string PairTableName = "pair_table";
    private const string DynamicMapName = "dynamic_map";

    private readonly long _count;

    private Nf4Weight(long[] shape, Tensor packed, Tensor? absmax, (Tensor Codes, Tensor Scales, Tensor Offset)? doubleQuant)
        : base(nameof(Nf4Weight))
    {
        Shape = (long[])shape.Clone();
        _count = shape.Aggregate(1L, (a, b) => a * b);
        Blocks = (_count + BlockSize - 1) / BlockSize;
        IsDoubleQuantized = doubleQuant is not null;
        register_buffer(PackedName, packed);
        if (doubleQuant is { } dq)
        {
            register_buffer(AbsmaxCodesName, dq.Codes);
            register_buffer(AbsmaxScalesName, dq.Scales);
            register_buffer(AbsmaxOffsetName, dq.Offset);
            // Shared code book, not part of the per-weight storage (bitsandbytes keeps it global too).
            register_buffer(DynamicMapName, DynamicMap8Bit.AsTensor(packed.device).DetachFromDisposeScope(), persistent: false);
        }
        else
        {
            register_buffer(AbsmaxName, absmax!);
        }
        // Byte → (level of high nibble, level of low nibble): one lookup per stored byte when dequantizing.
        register_buffer(PairTableName, BuildPairTable(packed.device).DetachFromDisposeScope(), persistent: false);
    }

    /// <summary>The weight's shape, (out, in).</summary>
    public long[] Shape { get; }

    /// <summary>Whether the absmax constants are themselves 8-bit quantized.</summary>
    public bool IsDoubleQuantized { get; }

    /// <summary>Number of 64-value blocks (the last may be partial).</summary>
    public long Blocks { get; }

    /// <summary>Number of weight values.</summary>
    public long Count => _count;

    /// <summary>
    /// Bytes of the per-weight storage: packed codes plus quantization constants (absmax, or their 8-bit
    /// codes, 256-block scales and offset). The shared code books (16 + 256 floats) are not counted.
    /// </summary>
    public long StorageBytes => StoredBuffers().Sum(t => t.NumberOfElements * t.ElementSize);

    /// <summary>Stored bits per weight value: 4.5 plain, about 4.127 double-quantized.</summary>
    public double BitsPerParameter => StorageBytes * 8.0 / _count;

    /// <summary>Quantizes a 2-D float weight (out, in) on its own device; the input is not kept.</summary>
    public static Nf4Weight Quantize(Tensor weight, bool doubleQuant)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 2)
            throw new ArgumentException($"NF4 quantization expects a 2-D weight (out, in), got {weight.dim()}-D", nameof(weight));
        if (!is_floating_point(weight))
            throw new ArgumentException($"NF4 quantization expects a floating-point weight, got {weight.dtype}", nameof(weight));
        if (weight.NumberOfElements == 0)
            throw new ArgumentException("NF4 quantization expects a non-empty weight", nameof(weight));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var flat = weight.detach().reshape(-1);                                         // (out·in)
        var levels = Nf4Levels.AsTensor(weight.device);                                  // (16)
        var (codes, absmax) = BlockwiseQuantizer.Quantize(flat, levels, BlockSize);      // (n), (blocks)
        var packed = Nf4Packing.Pack(codes);                                             // (ceil(n/2)) uint8
        Nf4Weight result;
        if (doubleQuant)
        {
            var dq = AbsmaxDoubleQuantizer.Quantize(absmax, DynamicMap8Bit.AsTensor(weight.device));
            result = new Nf4Weight(weight.shape, packed.DetachFromDisposeScope(), null,
                (dq.Codes.DetachFromDisposeScope(), dq.Scales.DetachFromDisposeScope(), dq.Offset.DetachFromDisposeScope()));
        }
        else
        {
            result = new Nf4Weight(weight.shape, packed.DetachFromDisposeScope(), absmax.DetachFromDisposeScope(), null);
        }
        return result;
    }

    /// <summary>The per-block absmax (blocks, float32), dequantized from its 8-bit form when double-quantized.</summary>
    public Tensor BlockAbsmax()
    {
        if (!IsDoubleQuantized) return Buffer(AbsmaxName).clone();
        return AbsmaxDoubleQuantizer.Dequantize(Buffer(AbsmaxCodesName), Buffer(AbsmaxScalesName),
            Buffer(AbsmaxOffsetName), Buffer(DynamicMapName));
    }

    /// <summary>The packed codes (ceil(n/2), uint8): element 2k in the high nibble of byte k.</summary>
    public Tensor PackedCodes => Buffer(PackedName);

    /// <summary>
    /// Rebuilds the weight (out, in) in <paramref name="dtype"/> on the buffers' device (computed in float32). Where
    /// that device lacks one of the lookup's integer ops (<see cref="Nf4DeviceOps"/>), the rebuild runs on the CPU
    /// and the weight is uploaded.
    /// </summary>
    public Tensor Dequantize(ScalarType dtype) =>
        Dequantize(dtype, onCpu: !Nf4DeviceOps.Check(Buffer(PackedName).device).DequantizeOnDevice);

    /// <summary><see cref="Dequantize(ScalarType)"/> with the CPU fallback chosen by the caller (tests force it).</summary>
    public Tensor Dequantize(ScalarType dtype, bool onCpu)
    {
        using var scope = NewDisposeScope();
        var device = Buffer(PackedName).device;
        Tensor Use(string name) => onCpu ? Buffer(name).cpu() : Buffer(name);
        var packed = Use(PackedName);
        var pairTable = view_as_complex(Use(PairTableName));                     // (256): a pair as one 8-byte element
        var pairs = view_as_real(pairTable.index_select(0, packed.to(int32)));   // (bytes, 2): high, low
        var values = pairs.view(-1);                                             // (2·bytes) ≥ n
        var padded = Blocks * BlockSize;
        values = values.shape[0] >= padded
            ? values.narrow(0, 0, padded)
            : nn.functional.pad(values, new long[] { 0, padded - values.shape[0] });
        var absmax = IsDoubleQuantized                                           // (blocks)
            ? AbsmaxDoubleQuantizer.Dequantize(Use(AbsmaxCodesName), Use(AbsmaxScalesName), Use(AbsmaxOffsetName), Use(DynamicMapName))
            : Use(AbsmaxName);
        values.view(Blocks, BlockSize).mul_(absmax.unsqueeze(1));                // (blocks, 64), in place: the lookup's own buffer
        var weight = values.narrow(0, 0, _count).view(Shape);                    // (out, in)
        return weight.to(dtype, device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override nn.Module _to(ScalarType dtype, bool non_blocking) => this;

    /// <inheritdoc />
    protected override nn.Module _to(Device device, ScalarType dtype, bool non_blocking) =>
        _to(device.type, device.index, non_blocking);

    private IEnumerable<Tensor> StoredBuffers()
    {
        yield return Buffer(PackedName);
        if (IsDoubleQuantized)
        {
            yield return Buffer(AbsmaxCodesName);
            yield return Buffer(AbsmaxScalesName);
            yield return Buffer(AbsmaxOffsetName);
        }
        else
        {
            yield return Buffer(AbsmaxName);
        }
    }

    private Tensor Buffer(string name) =>
        get_buffer(name) ?? throw new InvalidOperationException($"NF4 buffer '{name}' is missing");

    private static Tensor BuildPairTable(Device device)
    {
        var levels = Nf4Levels.Values;
        var table = new float[256 * 2];
        for (var b = 0; b < 256; b++)
        {
            table[2 * b] = levels[b >> 4];
            table[2 * b + 1] = levels[b & 15];
        }
        return tensor(table, new long[] { 256, 2 }, dtype: float32, device: device);
    }
}
