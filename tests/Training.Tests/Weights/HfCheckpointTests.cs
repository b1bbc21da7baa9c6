using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

[Category(Category.Unit)]
public sealed class HfCheckpointTests
{
    [Fact]
    public void WriteThenReadGivesTheSameStateDict()
    {
        using var dir = new TempDirectory("weights");
        var sd = new Dictionary<string, Tensor> { ["bert.pooler.dense.weight"] = randn(4, 4), ["bert.pooler.dense.bias"] = randn(4) };

        var path = HfCheckpoint.Write(dir.Path, sd);
        var read = HfCheckpoint.ReadStateDict(dir.Path);

        Assert.Equal(Path.Combine(dir.Path, "model.safetensors"), path);
        Assert.Equal("pt", SafetensorsFile.ReadMetadata(path)["format"]);
        Assert.True(read["bert.pooler.dense.weight"].eq(sd["bert.pooler.dense.weight"]).all().item<bool>());
    }

    [Theory]
    [InlineData("model.safetensors.index.json", "model-0000{0}-of-00002.safetensors")]
    [InlineData("pytorch_model.bin.index.json", "pytorch_model-0000{0}-of-00002.bin")]
    public void ShardedIndexGathersEveryShard(string index, string shardPattern)
    {
        using var dir = new TempDirectory("weights");
        var a = randn(3, 2);
        var b = randn(5);
        var shard1 = string.Format(shardPattern, 1);
        var shard2 = string.Format(shardPattern, 2);
        Save(dir.File(shard1), new Dictionary<string, Tensor> { ["transformer.wte.weight"] = a });
        Save(dir.File(shard2), new Dictionary<string, Tensor> { ["transformer.ln_f.bias"] = b });
        File.WriteAllText(dir.File(index),
            $$$"""{"metadata": {"total_size": 44}, "weight_map": {"transformer.wte.weight": "{{{shard1}}}", "transformer.ln_f.bias": "{{{shard2}}}"}}""");

        var read = HfCheckpoint.ReadStateDict(dir.Path);

        Assert.Equal(2, read.Count);
        Assert.True(read["transformer.wte.weight"].eq(a).all().item<bool>());
        Assert.True(read["transformer.ln_f.bias"].eq(b).all().item<bool>());
    }

    [Fact]
    public void MissingShardIsNamed()
    {
        using var dir = new TempDirectory("weights");
        File.WriteAllText(dir.File("model.safetensors.index.json"), """{"weight_map": {"w": "model-00001-of-00002.safetensors"}}""");

        var e = Assert.Throws<InvalidInputException>(() => HfCheckpoint.ReadStateDict(dir.Path));
        Assert.Contains("model-00001-of-00002.safetensors", e.Message);
    }

    [Fact]
    public void NoWeightsListsWhatWasLookedFor()
    {
        using var dir = new TempDirectory("weights");
        File.WriteAllText(dir.File("config.json"), "{}");

        var e = Assert.Throws<InvalidInputException>(() => HfCheckpoint.ReadStateDict(dir.Path));
        foreach (var name in new[] { "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json" })
            Assert.Contains(name, e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public void BinIsReadWhenThereIsNoSafetensors()
    {
        using var dir = new TempDirectory("weights");
        TorchBinFile.Write(dir.File("pytorch_model.bin"), new Dictionary<string, Tensor> { ["w"] = ones(2) });

        Assert.Equal(["w"], HfCheckpoint.ReadStateDict(dir.Path).Keys);
    }

    private static void Save(string path, Dictionary<string, Tensor> sd)
    {
        if (path.EndsWith(".bin", StringComparison.Ordinal))
            TorchBinFile.Write(path, sd);
        else
            SafetensorsFile.Write(path, sd);
    }
}
