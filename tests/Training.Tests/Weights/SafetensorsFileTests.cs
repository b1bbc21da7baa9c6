using System.Buffers.Binary;
using System.Text;
using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

[Category(Category.Unit)]
public sealed class SafetensorsFileTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Int64)]
    public void RoundTripKeepsNamesShapesDtypesAndValues(ScalarType dtype)
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("model.safetensors");
        var stored = new Dictionary<string, Tensor>
        {
            ["bert.embeddings.word_embeddings.weight"] = (randn(7, 4) * 10).to(dtype),
            ["bert.encoder.layer.0.attention.self.query.bias"] = (randn(4) * 10).to(dtype),
            ["bert.embeddings.position_ids"] = arange(5, dtype: ScalarType.Int64).unsqueeze(0),
            ["classifier.empty"] = zeros(0, 3, dtype: dtype),
        };
        SafetensorsFile.Write(path, stored, new Dictionary<string, string> { ["format"] = "pt" });

        var read = SafetensorsFile.Read(path);

        Assert.Equal(stored.Keys.Order(), read.Keys.Order());
        foreach (var (name, t) in stored)
        {
            Assert.Equal(t.dtype, read[name].dtype);
            Assert.Equal(t.shape, read[name].shape);
            Assert.True(t.eq(read[name]).all().item<bool>(), name);
        }
        Assert.Equal("pt", SafetensorsFile.ReadMetadata(path)["format"]);
    }

    [Fact]
    public void ReadsAHandBuiltFileByTheSpec()
    {
        // Bytes written from the format description, not by our writer: 1.0 and -2.0 in F32, F16 and BF16.
        var header = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F16","shape":[2],"data_offsets":[8,12]},"c":{"dtype":"BF16","shape":[1,2],"data_offsets":[12,16]}}""";
        var data = new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0, 0x00, 0x3C, 0x00, 0xC0, 0x80, 0x3F, 0x00, 0xC0 };
        using var dir = new TempDirectory("weights");
        var path = dir.File("x.safetensors");
        File.WriteAllBytes(path, Build(header, data));

        var read = SafetensorsFile.Read(path);

        Assert.Equal(ScalarType.Float16, read["b"].dtype);
        Assert.Equal(new long[] { 1, 2 }, read["c"].shape);
        foreach (var k in new[] { "a", "b", "c" })
            Assert.Equal(new[] { 1f, -2f }, read[k].to(ScalarType.Float32).flatten().data<float>().ToArray());
    }

    [Fact]
    public void WriterProducesTheBytesTheSpecDescribes()
    {
        // Expected bytes written by hand from the format: u64 little-endian header length, the JSON header padded with
        // spaces to a multiple of 8, then the data; tensors largest dtype first (F32 before F16), offsets relative to the data.
        var header = """{"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F16","shape":[1],"data_offsets":[8,10]}}""" + "     ";
        Assert.Equal(144, header.Length);
        var data = new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0, 0x00, 0x3C };
        var expected = Build(header, data);
        Assert.Equal(new byte[] { 0x90, 0, 0, 0, 0, 0, 0, 0 }, expected[..8]);

        var written = SafetensorsFile.ToBytes(
            new Dictionary<string, Tensor> { ["a"] = tensor(new[] { 1f }).to(ScalarType.Float16), ["b"] = tensor(new[] { 1f, -2f }) },
            new Dictionary<string, string> { ["format"] = "pt" });

        Assert.Equal(expected, written);
    }

    [Fact]
    public void TruncatedFileIsAClearErrorNamingTheFile()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("model.safetensors");
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["w"] = ones(16, 16) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);

        var e = Assert.Throws<InvalidInputException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void CorruptHeaderIsAClearErrorNamingTheFile()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("model.safetensors");
        File.WriteAllBytes(path, Build("{\"w\": {\"dtype\": \"F32\", \"sha", new byte[16]));

        var e = Assert.Throws<InvalidInputException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not valid JSON", e.Message);

        File.WriteAllBytes(path, "garbage!garbage!garbage!"u8.ToArray());
        e = Assert.Throws<InvalidInputException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void OffsetsThatDisagreeWithTheShapeAreRejected()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, Build("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]));

        var e = Assert.Throws<InvalidInputException>(() => SafetensorsFile.Read(path));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("needs 12", e.Message);
    }

    [Fact]
    public void UnsupportedDtypeIsNamed()
    {
        using var dir = new TempDirectory("weights");
        var path = dir.File("fp8.safetensors");
        File.WriteAllBytes(path, Build("""{"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", new byte[2]));

        var e = Assert.Throws<InvalidInputException>(() => SafetensorsFile.Read(path));
        Assert.Contains("F8_E4M3", e.Message);
        Assert.Contains("'w'", e.Message);
    }

    private static byte[] Build(string header, byte[] data)
    {
        var h = Encoding.UTF8.GetBytes(header);
        var result = new byte[8 + h.Length + data.Length];
        BinaryPrimitives.WriteInt64LittleEndian(result, h.Length);
        h.CopyTo(result, 8);
        data.CopyTo(result, 8 + h.Length);
        return result;
    }
}
