using Sweep.Training.Weights.Onnx;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

[Category(Category.Training)]
public sealed class OnnxBertImporterTests
{
    [Fact]
    public void MiniLmImportsToExactlyBertsNamesAndShapes()
    {
        var import = OnnxBertImporter.ImportMiniLm();

        // Every one of the file's 148 initializers is accounted for; 36 of them are the unnamed Linear weights.
        Assert.Equal(148, import.InitializerUse.Count);
        Assert.Equal(36, import.InitializerUse.Values.Count(u => u.StartsWith("MatMul weight", StringComparison.Ordinal)));

        const int h = 384, ffn = 1536;
        var expected = new Dictionary<string, long[]>
        {
            ["embeddings.word_embeddings.weight"] = [30522, h],
            ["embeddings.position_embeddings.weight"] = [512, h],
            ["embeddings.token_type_embeddings.weight"] = [2, h],
            ["embeddings.LayerNorm.weight"] = [h],
            ["embeddings.LayerNorm.bias"] = [h],
            ["pooler.dense.weight"] = [h, h],
            ["pooler.dense.bias"] = [h],
        };
        for (var i = 0; i < 6; i++)
        {
            var l = $"encoder.layer.{i}.";
            foreach (var m in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                expected[l + m + ".weight"] = [h, h];
                expected[l + m + ".bias"] = [h];
            }
            expected[l + "intermediate.dense.weight"] = [ffn, h];
            expected[l + "intermediate.dense.bias"] = [ffn];
            expected[l + "output.dense.weight"] = [h, ffn];
            expected[l + "output.dense.bias"] = [h];
            foreach (var ln in new[] { "attention.output.LayerNorm", "output.LayerNorm" })
            {
                expected[l + ln + ".weight"] = [h];
                expected[l + ln + ".bias"] = [h];
            }
        }

        Assert.Equal(expected.Keys.Order(), import.StateDict.Keys.Order());
        foreach (var (name, shape) in expected)
        {
            Assert.Equal(shape, import.StateDict[name].shape);
            Assert.Equal(ScalarType.Float32, import.StateDict[name].dtype);
        }
    }

    [Fact]
    public void MatMulWeightIsNamedFromItsAddsBiasAndTransposed()
    {
        // y = x·W + b with W [in=2, out=3] unnamed ("7"), b named, plus an int64 shape constant.
        var w = new[] { 1f, 2f, 3f, 4f, 5f, 6f };
        var graph = new ProtoBytes()
            .Message(1, Node("MatMul", "mm", ["x", "7"], ["mm_out"]))
            .Message(1, Node("Add", "add", ["encoder.layer.0.attention.self.query.bias", "mm_out"], ["y"]))
            .Message(5, FloatTensor("7", [2, 3], w))
            .Message(5, FloatTensor("encoder.layer.0.attention.self.query.bias", [3], [0.5f, 0.25f, 0.125f]))
            .Message(5, new ProtoBytes().PackedInt64s(1, 1).Varint(2, 7).String(8, "8").Bytes(9, BitConverter.GetBytes(-1L)))
            .Message(11, new ProtoBytes().String(1, "x"))
            .Message(12, new ProtoBytes().String(1, "y"));
        var model = new ProtoBytes().Varint(1, 8).Message(7, graph).ToArray();

        var import = OnnxBertImporter.Import(model, "tiny.onnx");

        var weight = import.StateDict["encoder.layer.0.attention.self.query.weight"];
        Assert.Equal(new long[] { 3, 2 }, weight.shape);
        Assert.Equal(new[] { 1f, 4f, 2f, 5f, 3f, 6f }, weight.data<float>().ToArray());
        Assert.Equal(new[] { 0.5f, 0.25f, 0.125f }, import.StateDict["encoder.layer.0.attention.self.query.bias"].data<float>().ToArray());
        Assert.Equal(3, import.InitializerUse.Count);
    }

    [Fact]
    public void TruncatedModelIsAClearError()
    {
        var bytes = MiniLmResources.ReadOnnx();

        var e = Assert.Throws<InvalidInputException>(() => OnnxBertImporter.Import(bytes.AsMemory(0, bytes.Length / 3), "cut.onnx"));
        Assert.Contains("cut.onnx", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    private static ProtoBytes Node(string op, string name, string[] inputs, string[] outputs)
    {
        var n = new ProtoBytes();
        foreach (var i in inputs)
            n.String(1, i);
        foreach (var o in outputs)
            n.String(2, o);
        return n.String(3, name).String(4, op);
    }

    private static ProtoBytes FloatTensor(string name, long[] dims, float[] values) =>
        new ProtoBytes().PackedInt64s(1, dims).Varint(2, 1).String(8, name)
            .Bytes(9, values.SelectMany(BitConverter.GetBytes).ToArray());
}
