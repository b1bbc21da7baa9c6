using System.Text;
using Sweep.Training.Weights;

namespace Sweep.Training.Tests.Weights;

/// <summary>The pre-1.6 torch.save format, built byte by byte from its description (five pickles, then storages).</summary>
[Category(Category.Unit)]
public sealed class TorchLegacyFileTests
{
    [Fact]
    public void ReadsAHandBuiltLegacyCheckpoint()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        File.WriteAllBytes(path, LegacyCheckpoint());

        var read = TorchBinFile.Read(path);

        Assert.Equal(["w", "v"], read.Keys);
        Assert.Equal(new long[] { 2, 2 }, read["w"].shape);
        Assert.Equal(new[] { 1f, 3f, 2f, 4f }, read["w"].data<float>().ToArray());
        Assert.Equal(new[] { 12L, 13L }, read["v"].data<long>().ToArray());
    }

    [Fact]
    public void TruncatedLegacyCheckpointNamesTheFile()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        var bytes = LegacyCheckpoint();
        File.WriteAllBytes(path, bytes[..^4]);

        var e = Assert.Throws<InvalidInputException>(() => TorchBinFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    private static byte[] LegacyCheckpoint()
    {
        var p = new List<byte>();
        void B(params byte[] b) => p.AddRange(b);
        void S(string s) => p.AddRange(Encoding.ASCII.GetBytes(s));
        void U(string s) { B((byte)'X', (byte)s.Length, 0, 0, 0); S(s); }
        // 1. magic number 0x1950a86a20f9469cfc6c as LONG1 (little-endian two's complement)
        B(0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, (byte)'.');
        // 2. protocol version 1001
        B(0x80, 2, (byte)'M', 0xe9, 0x03, (byte)'.');
        // 3. sys info
        B(0x80, 2, (byte)'}', (byte)'('); U("little_endian"); B(0x88, (byte)'u', (byte)'.');
        // 4. OrderedDict(w = FloatStorage "94" as (2,2) stride (1,2), v = LongStorage "95"[1:3])
        B(0x80, 2); S("ccollections\nOrderedDict\n"); B((byte)')', (byte)'R', (byte)'(');
        U("w"); S("ctorch._utils\n_rebuild_tensor_v2\n"); B((byte)'q', 0, (byte)'(', (byte)'(');
        U("storage"); S("ctorch\nFloatStorage\n"); U("94"); U("cpu"); B((byte)'K', 4, (byte)'N', (byte)'t', (byte)'Q');
        B((byte)'K', 0, (byte)'K', 2, (byte)'K', 2, 0x86, (byte)'K', 1, (byte)'K', 2, 0x86, 0x89, (byte)'}', (byte)'t', (byte)'R');
        U("v"); B((byte)'h', 0, (byte)'(', (byte)'(');
        U("storage"); S("ctorch\nLongStorage\n"); U("95"); U("cpu"); B((byte)'K', 3, (byte)'N', (byte)'t', (byte)'Q');
        B((byte)'K', 1, (byte)'K', 2, 0x85, (byte)'K', 1, 0x85, 0x89, (byte)'}', (byte)'t', (byte)'R');
        B((byte)'u', (byte)'.');
        // 5. storage keys, then each storage: int64 count and raw data
        B(0x80, 2, (byte)']', (byte)'('); U("94"); U("95"); B((byte)'e', (byte)'.');
        p.AddRange(BitConverter.GetBytes(4L));
        foreach (var f in new[] { 1f, 2f, 3f, 4f })
            p.AddRange(BitConverter.GetBytes(f));
        p.AddRange(BitConverter.GetBytes(3L));
        foreach (var l in new[] { 11L, 12L, 13L })
            p.AddRange(BitConverter.GetBytes(l));
        return p.ToArray();
    }
}
