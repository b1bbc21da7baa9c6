using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// Absmax blockwise quantization against a sorted code book, in pure tensor ops (any device):
/// the flat input is cut into blocks of <c>blockSize</c> (the last one may be partial and then has its own
/// absmax), each block is divided by its absolute maximum and every value is mapped to the nearest code
/// value, ties going to the lower code index (a value exactly on a midpoint rounds down), as bitsandbytes'
/// bucketize over code midpoints does.
/// </summary>
public static class BlockwiseQuantizer
{
    /// <summary>Smallest divisor used for an all-zero block (its values all quantize to the zero code).</summary>
    private const double TinyAbsmax = 1e-38;

    /// <summary>
    /// Quantizes <paramref name="flat"/> (n) to code indices (n, uint8; the code book has at most 256 values)
    /// and per-block absmax (ceil(n / blockSize), float32).
    /// </summary>
    public static (Tensor Codes, Tensor Absmax) Quantize(Tensor flat, Tensor codeBook, int blockSize)
    {
        if (flat.dim() != 1) throw new ArgumentException("expected a flat (1-D) tensor", nameof(flat));
        if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
        if (codeBook.shape[0] > 256) throw new ArgumentException("at most 256 code values fit in uint8 codes", nameof(codeBook));
        var n = flat.shape[0];
        var blocks = (n + blockSize - 1) / blockSize;
        using var scope = NewDisposeScope();
        var x = flat.to(float32);
        var padded = PadTo(x, blocks * blockSize).view(blocks, blockSize);   // (blocks, blockSize), zero padded
        var absmax = linalg.vector_norm(padded, double.PositiveInfinity, new long[] { 1 }); // (blocks) max |x|; padding zeros never raise it
        // Multiply by the reciprocal as bitsandbytes does. No clamp to [-1, 1] is needed: a value that rounds
        // past ±1 lies beyond the outermost midpoint and bucketizes to the end code all the same.
        var inverse = absmax.clamp_min(TinyAbsmax).reciprocal().unsqueeze(1); // (blocks, 1)
        var scaled = padded.mul(inverse).view(-1);                           // (blocks · blockSize)
        var bounds = Midpoints(codeBook.to(float32, x.device));              // (codes - 1)
        var codes = bucketize(scaled, bounds, outInt32: true)                // ties → lower index
            .narrow(0, 0, n).to(uint8);                                      // (n)
        return (codes.MoveToOuterDisposeScope(), absmax.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Inverse of <see cref="Quantize"/>: code indices (n) and per-block absmax → float32 values (n).
    /// </summary>
    public static Tensor Dequantize(Tensor codes, Tensor absmax, Tensor codeBook, int blockSize)
    {
        var n = codes.shape[0];
        var blocks = absmax.shape[0];
        using var scope = NewDisposeScope();
        var book = codeBook.to(float32, codes.device);
        var values = book.index_select(0, codes.to(int64));                       // (n)
        var padded = PadTo(values, blocks * blockSize).view(blocks, blockSize);    // (blocks, blockSize)
        var result = (padded * absmax.to(float32).unsqueeze(1)).reshape(-1).narrow(0, 0, n); // (n)
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Midpoints between neighbouring values of a sorted code book, computed in float32.</summary>
    public static Tensor Midpoints(Tensor sortedCodeBook)
    {
        var k = sortedCodeBook.shape[0];
        return (sortedCodeBook.narrow(0, 0, k - 1) + sortedCodeBook.narrow(0, 1, k - 1)) / 2.0f;
    }

    private static Tensor PadTo(Tensor flat, long length)
    {
        var missing = length - flat.shape[0];
        return missing == 0 ? flat : nn.functional.pad(flat, new long[] { 0, missing });
    }
}
