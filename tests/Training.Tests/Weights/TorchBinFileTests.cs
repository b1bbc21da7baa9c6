using System.IO.Compression;
using System.Text;
using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

[Category(Category.Unit)]
public sealed class TorchBinFileTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Int64)]
    public void RoundTripKeepsNamesShapesDtypesAndValues(ScalarType dtype)
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        var stored = new Dictionary<string, Tensor>
        {
            ["transformer.wte.weight"] = (randn(11, 4) * 10).to(dtype),
            ["transformer.h.0.attn.c_attn.weight"] = (randn(4, 12) * 10).to(dtype).t(), // a non-contiguous view
            ["transformer.h.0.ln_1.bias"] = (randn(4) * 10).to(dtype),
            ["big"] = (randn(2, 3, 4, 5) * 10).to(dtype),
            ["scalar"] = tensor(3.0f).to(dtype),
        };
        TorchBinFile.Write(path, stored);

        var read = TorchBinFile.Read(path);

        Assert.Equal(stored.Keys.Order(), read.Keys.Order());
        foreach (var (name, t) in stored)
        {
            Assert.Equal(t.dtype, read[name].dtype);
            Assert.Equal(t.shape, read[name].shape);
            Assert.True(t.eq(read[name]).all().item<bool>(), name);
        }
    }

    [Fact]
    public void WrittenArchiveHasPyTorchsLayout()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        TorchBinFile.Write(path, new Dictionary<string, Tensor> { ["a"] = ones(2, 2), ["b"] = zeros(3) });

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(
            ["archive/byteorder", "archive/data.pkl", "archive/data/0", "archive/data/1", "archive/version"],
            zip.Entries.Select(e => e.FullName).Order());
        // torch's reader copies records as they are: every entry is stored, not deflated.
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
        Assert.Equal(16, zip.GetEntry("archive/data/0")!.Length);
    }

    [Fact]
    public void ReadsAHandBuiltCheckpointByTheSpec()
    {
        // The pickle torch.save writes for OrderedDict(w=base.t(), v=base[1]) sharing one FloatStorage
        // [1, 2, 3, 4, 5, 6] (key "0"), with the _metadata BUILD at the end; written opcode by opcode.
        var p = new List<byte>();
        void B(params byte[] b) => p.AddRange(b);
        void S(string s) => p.AddRange(Encoding.ASCII.GetBytes(s));
        void U(string s) { B((byte)'X', (byte)s.Length, 0, 0, 0); S(s); }
        B(0x80, 2); S("ccollections\nOrderedDict\n"); B((byte)'q', 0, (byte)')', (byte)'R', (byte)'q', 1, (byte)'(');
        U("w"); S("ctorch._utils\n_rebuild_tensor_v2\n"); B((byte)'q', 2, (byte)'(', (byte)'(');
        U("storage"); S("ctorch\nFloatStorage\n"); U("0"); U("cpu"); B((byte)'K', 6, (byte)'t', (byte)'q', 3, (byte)'Q');
        B((byte)'K', 0, (byte)'K', 3, (byte)'K', 2, 0x86, (byte)'K', 1, (byte)'K', 3, 0x86, 0x89); // size (3,2) stride (1,3)
        S("ccollections\nOrderedDict\n"); B((byte)')', (byte)'R', (byte)'t', (byte)'R');
        U("v"); B((byte)'h', 2, (byte)'(', (byte)'h', 3, (byte)'Q');
        B((byte)'K', 3, (byte)'K', 3, 0x85, (byte)'K', 1, 0x85, 0x88, (byte)'}', (byte)'t', (byte)'R'); // offset 3, (3,), (1,)
        B((byte)'u', (byte)'}', (byte)'q', 4); U("_metadata"); B((byte)'}', (byte)'s', (byte)'b', (byte)'.');

        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Add(zip, "model/data.pkl", p.ToArray());
            Add(zip, "model/data/0", new[] { 1f, 2f, 3f, 4f, 5f, 6f }.SelectMany(BitConverter.GetBytes).ToArray());
            Add(zip, "model/version", "3\n"u8.ToArray());
        }

        var read = TorchBinFile.Read(path);

        Assert.Equal(["w", "v"], read.Keys);
        Assert.Equal(new long[] { 3, 2 }, read["w"].shape);
        Assert.Equal(new[] { 1f, 4f, 2f, 5f, 3f, 6f }, read["w"].data<float>().ToArray());
        Assert.Equal(new[] { 4f, 5f, 6f }, read["v"].data<float>().ToArray());
    }

    [Fact]
    public void TruncatedFileIsAClearErrorNamingTheFile()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        TorchBinFile.Write(path, new Dictionary<string, Tensor> { ["w"] = ones(64, 64) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InvalidInputException>(() => TorchBinFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void CorruptFileIsAClearErrorNamingTheFile()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("pytorch_model.bin");
        File.WriteAllText(path, "this is not a checkpoint");

        var e = Assert.Throws<InvalidInputException>(() => TorchBinFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a PyTorch checkpoint", e.Message);

        File.Delete(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            Add(zip, "archive/data.pkl", [0x80, 2, (byte)'}', (byte)'q']); // pickle cut short
        e = Assert.Throws<InvalidInputException>(() => TorchBinFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("pickle", e.Message);
    }

    private static void Add(ZipArchive zip, string name, byte[] data)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(data);
    }
}
