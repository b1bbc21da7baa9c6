using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// Two 4-bit codes per byte, as bitsandbytes stores NF4: element 2k goes in the HIGH nibble of byte k,
/// element 2k+1 in the low nibble; an odd count is padded with the NF4 zero code.
/// </summary>
public static class Nf4Packing
{
    /// <summary>Codes (n, any integer dtype, values 0..15) → packed bytes (ceil(n / 2), uint8).</summary>
    public static Tensor Pack(Tensor codes)
    {
        var n = codes.shape[0];
        using var scope = NewDisposeScope();
        var c = codes.to(uint8);                                          // (n), values 0..15
        if (n % 2 == 1)
            c = cat(new[] { c, full(1, Nf4Levels.ZeroCode, dtype: uint8, device: c.device) });
        var pairs = c.view(-1, 2);                                        // (n/2, 2)
        var bytes = pairs.select(1, 0) * 16 + pairs.select(1, 1);         // (n/2) uint8, high nibble first
        return bytes.MoveToOuterDisposeScope();
    }

    /// <summary>Packed bytes (m, uint8) → the first <paramref name="count"/> codes (int64).</summary>
    public static Tensor Unpack(Tensor packed, long count)
    {
        using var scope = NewDisposeScope();
        var b = packed.to(int64);                                          // (m)
        var high = b.div(16, RoundingMode.floor);                            // (m)
        var low = b.remainder(16);                                       // (m)
        var codes = stack(new[] { high, low }, 1).reshape(-1).narrow(0, 0, count); // (count)
        return codes.MoveToOuterDisposeScope();
    }
}
