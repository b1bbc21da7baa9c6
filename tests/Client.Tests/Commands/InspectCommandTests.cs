using System.Text.Json;

namespace Sweep.Client.Tests.Commands;

/// <summary><c>sweep inspect</c> on the exact bert-base-uncased config (no weights): the trainable-parameter counts PEFT reports for BERT-base with these configs (classifier head trained in full).</summary>
[Category(Category.Training)]
public sealed class InspectCommandTests
{
    [Theory]
    [InlineData("B-FP", 1_340_930, 0)]
    [InlineData("B-Ada", 2_011_502, 0)]
    [InlineData("Joint-3", 1_377_794, 73)]
    [InlineData("B-Q4", 1_340_930, 73)]
    [InlineData("Joint-1", 2_011_502, 73)]
    public async Task BertBaseCountsMatchTheContract(string preset, long trainable, int quantized)
    {
        var (code, stdout, stderr) = await ConsoleRunner.Run("inspect", "--model", "bert-base-uncased", "--preset", preset, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(trainable, root.GetProperty("trainable_params").GetInt64());
        Assert.Equal(quantized, root.GetProperty("quantized_linears").GetInt32());
        Assert.Equal(73, root.GetProperty("modules").GetArrayLength());
        if (quantized > 0) Assert.True(root.GetProperty("base_bits_per_param").GetDouble() < 4.5);
    }

    [Fact]
    public async Task Joint3HasManualRanksPerModuleKind()
    {
        var (code, stdout, _) = await ConsoleRunner.Run("inspect", "--model", "bert-base-uncased", "--preset", "Joint-3", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var ranks = doc.RootElement.GetProperty("modules").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("rank").GetInt32());
        Assert.Equal(6, ranks["bert.encoder.layer.0.attention.self.query"]);
        Assert.Equal(6, ranks["bert.encoder.layer.0.attention.output.dense"]);
        Assert.Equal(10, ranks["bert.encoder.layer.0.intermediate.dense"]);
        Assert.Equal(10, ranks["bert.encoder.layer.0.output.dense"]);
        Assert.Equal(8, ranks["bert.pooler.dense"]);
    }

    [Fact]
    public async Task UnknownPresetIsExit2NamingTheKnownOnes()
    {
        var (code, _, stderr) = await ConsoleRunner.Run("inspect", "--model", "bert-base-uncased", "--preset", "B-Foo");
        Assert.Equal(2, code);
        Assert.Contains("B-Foo", stderr);
        Assert.Contains("Joint-3", stderr);
    }

    [Fact]
    public async Task Gpt2LoraTargetsFourLinearsPerLayer()
    {
        var (code, stdout, stderr) = await ConsoleRunner.Run("inspect", "--model", "gpt2", "--preset", "B-FP", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(48, doc.RootElement.GetProperty("modules").GetArrayLength());
        // c_attn 8·(768+2304) + attn.c_proj 8·1536 + c_fc 8·(768+3072) + mlp.c_proj 8·(3072+768), × 12 layers
        Assert.Equal(12L * 8 * (3072 + 1536 + 3840 + 3840), doc.RootElement.GetProperty("trainable_params").GetInt64());
    }
}
