using Sweep.Training.Quantization;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Quantization;

[Collection(GlobalTorchRandom.Name)]
[Category(Category.Unit)]
public sealed class Nf4QuantizationTests
{
    [Fact]
    public void HandWorkedTensorQuantizesToTheExpectedCodesAndValues()
    {
        // One partial block of 8, absmax 2. Normalised x/2 and the nearest level (midpoints in brackets):
        //  -2    → -1.0           → code 0
        //   1    →  0.5  (12|13 midpoint 0.50166) → code 12 (0.44070983)
        //   0    →  0.0           → code 7
        //   2    →  1.0           → code 15
        //   0.5  →  0.25 (10|11 midpoint 0.29201) → code 10 (0.24611230)
        //  -0.5  → -0.25 (4|5 midpoint -0.23461)  → code 4 (-0.28444138)
        //   l8   →  l8/2, exactly the 7|8 midpoint → tie → LOWER code 7 (0.0)
        //   0.16 →  0.08 (8|9 midpoint 0.12026)   → code 8 (0.07958030)
        // Bytes, first element in the high nibble: 0x0C, 0x7F, 0xA4, 0x78.
        var l8 = Nf4Levels.Values[8];
        using var w = tensor(new float[] { -2f, 1f, 0f, 2f, 0.5f, -0.5f, l8, 0.16f }, new long[] { 2, 4 });
        using var q = Nf4Weight.Quantize(w, doubleQuant: false);

        Assert.Equal(new byte[] { 0x0C, 0x7F, 0xA4, 0x78 }, q.PackedCodes.data<byte>().ToArray());
        using var dq = q.Dequantize(float32);
        Assert.Equal(new long[] { 2, 4 }, dq.shape);
        var expected = new[] { -2f, 2 * 0.44070982933044434f, 0f, 2f, 2 * 0.24611230194568634f,
            2 * -0.28444138169288635f, 0f, 2 * 0.07958029955625534f };
        var actual = dq.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 6);
    }

    [Fact]
    public void PartialLastBlockHasItsOwnAbsmaxAndOddCountIsPaddedWithTheZeroCode()
    {
        // 131 values: block 0 = 4 then 63 × 0.5 (absmax 4; 0.125 lies above the 8|9 midpoint 0.12026 → code 9);
        // block 1 = -1 then zeros (absmax 1; codes 0, 7…); block 2 (partial, 3 values) = 0.1, -0.05, 0.025:
        // absmax 0.1; 1 → 15, -0.5 (2|3 midpoint -0.45999) → 2, 0.25 → 10. Byte 64 = 0xF2; byte 65 holds
        // element 130 high (10) and the padding zero code 7 low → 0xA7.
        var values = new float[131];
        values[0] = 4f;
        for (var i = 1; i < 64; i++) values[i] = 0.5f;
        values[64] = -1f;
        values[128] = 0.1f; values[129] = -0.05f; values[130] = 0.025f;
        using var w = tensor(values, new long[] { 1, 131 });
        using var q = Nf4Weight.Quantize(w, doubleQuant: false);

        Assert.Equal(3, q.Blocks);
        Assert.Equal(new[] { 4f, 1f, 0.1f }, q.BlockAbsmax().data<float>().ToArray());
        var bytes = q.PackedCodes.data<byte>().ToArray();
        Assert.Equal(66, bytes.Length);
        Assert.Equal(0xF9, bytes[0]);                                     // 4 → 15 (high), 0.5 → 9 (low)
        Assert.Equal(0x99, bytes[1]);
        Assert.Equal(0x07, bytes[32]);                                    // -1 → 0, 0 → 7
        Assert.Equal(0xF2, bytes[64]);
        Assert.Equal(0xA7, bytes[65]);
        var dq = q.Dequantize(float32).data<float>().ToArray();
        Assert.Equal(0.1f, dq[128], 6);
        Assert.Equal(0.1f * -0.5250730514526367f, dq[129], 6);
        Assert.Equal(0.1f * 0.24611230194568634f, dq[130], 6);
        Assert.Equal(4f * 0.16093020141124725f, dq[1], 5);
    }

    [Fact]
    public void PackingPutsTheFirstElementInTheHighNibble()
    {
        using var codes = tensor(new int[] { 1, 2, 15, 0, 7 });
        using var packed = Nf4Packing.Pack(codes);
        Assert.Equal(new byte[] { 0x12, 0xF0, 0x77 }, packed.data<byte>().ToArray());
        using var back = Nf4Packing.Unpack(packed, 5);
        Assert.Equal(new long[] { 1, 2, 15, 0, 7 }, back.data<long>().ToArray());
    }

    [Fact]
    public void ErrorIsWithinAbsmaxTimesTheLargestHalfGap()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        var w = randn(new long[] { 96, 200 }, generator: gen) * 0.05f;      // (96, 200) = 300 blocks
        w[3, 17] = tensor(1.5f);                                             // an outlier block
        var q = Nf4Weight.Quantize(w, doubleQuant: false);
        var blocks = w.reshape(-1, 64);                                      // (300, 64)
        var absmax = blocks.abs().amax(new long[] { 1 }, keepdim: true);     // (300, 1)
        var err = (q.Dequantize(float32).reshape(-1, 64) - blocks).abs();    // (300, 64)
        var bound = absmax * Nf4Levels.MaxHalfGap * (1 + 1e-6) + 1e-7;
        Assert.True(err.le(bound).all().item<bool>(), $"max excess {(err - bound).max().item<float>()}");

        // Double quantization changes only the absmax: same codes, and the error grows at most by
        // |absmax − dequantized absmax| (every level lies in [-1, 1]).
        var dqw = Nf4Weight.Quantize(w, doubleQuant: true);
        Assert.Equal(q.PackedCodes.data<byte>().ToArray(), dqw.PackedCodes.data<byte>().ToArray());
        var absmaxErr = (dqw.BlockAbsmax().unsqueeze(1) - absmax).abs();      // (300, 1)
        var err2 = (dqw.Dequantize(float32).reshape(-1, 64) - blocks).abs();
        Assert.True(err2.le(bound + absmaxErr * (1 + 1e-6)).all().item<bool>());
        Assert.True((absmaxErr / absmax).max().item<float>() < 0.05f, "8-bit absmax should be within a few percent");
    }

    [Fact]
    public void DoubleQuantizationOfAbsmaxMatchesAHandWorkedCase()
    {
        // Four blocks with absmax 1, 2, 3, 6. Mean 3 → centred -2, -1, 0, 3; one 256-block, scale 3 →
        // -0.6667, -0.3333, 0, 1. The dynamic map's top band is the midpoints of linspace(0.1, 1, 65):
        // 0.1 + 0.0140625·(k + ½). Nearest to 0.6667 is k = 40 → 0.66953125; to 0.3333 is k = 16 → 0.33203125;
        // 0 and 1 are exact. Dequantized: 3 − 3·0.66953125 = 0.99140625, 3 − 3·0.33203125 = 2.00390625, 3, 6.
        var values = new float[256];
        foreach (var (block, absmax) in new[] { (0, 1f), (1, 2f), (2, 3f), (3, 6f) })
        {
            values[block * 64] = absmax;
            values[block * 64 + 1] = -absmax / 2;
        }
        using var w = tensor(values, new long[] { 4, 64 });
        using var q = Nf4Weight.Quantize(w, doubleQuant: true);
        var got = q.BlockAbsmax().data<float>().ToArray();
        var expected = new[] { 0.99140625f, 2.00390625f, 3f, 6f };
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], got[i], 5);
    }

    [Fact]
    public void StoredBitsPerParameterOnABertBaseSizedWeight()
    {
        using var scope = NewDisposeScope();
        var w = randn(3072, 768) * 0.02f;                                    // BERT-base intermediate.dense
        var plain = Nf4Weight.Quantize(w, doubleQuant: false);
        var dq = Nf4Weight.Quantize(w, doubleQuant: true);
        // Plain: 4 bits + 32 / 64 = 4.5. Double: 4 + 8 / 64 + (32 · 144 + 32) / 2,359,296 ≈ 4.12697.
        Assert.Equal(4.5, plain.BitsPerParameter, 9);
        Assert.Equal(1_179_648L + 36_864 + 144 * 4 + 4, dq.StorageBytes);
        Assert.True(dq.BitsPerParameter <= 4.13, $"{dq.BitsPerParameter}");
        Assert.Equal(new long[] { 3072, 768 }, dq.Shape);
    }

    [Fact]
    public void HoldsNoFullPrecisionCopyAndKeepsItsFormatWhenTheParentIsCast()
    {
        using var scope = NewDisposeScope();
        var w = randn(128, 96);
        var holder = new Holder(Nf4Weight.Quantize(w, doubleQuant: true));
        var before = holder.Q.Dequantize(float32);
        holder.to(bfloat16);
        foreach (var (name, buffer) in holder.Q.named_buffers())
            Assert.True(buffer.dtype == uint8 || buffer.NumberOfElements <= 512, $"{name} looks like a weight copy");
        Assert.Equal(float32, holder.Q.BlockAbsmax().dtype);
        Assert.Equal(before.data<float>().ToArray(), holder.Q.Dequantize(float32).data<float>().ToArray());
        var bf = holder.Q.Dequantize(bfloat16);
        Assert.Equal(bfloat16, bf.dtype);
        Assert.False(bf.requires_grad);
    }

    private sealed class Holder : nn.Module
    {
        public Holder(Nf4Weight q) : base(nameof(Holder))
        {
            Q = q;
            register_module("q", q);
        }

        public Nf4Weight Q { get; }
    }
}
