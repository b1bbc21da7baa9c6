using System.Text.Json;

namespace Sweep.Client.Tests.Commands;

/// <summary><c>sweep train</c> in-process: a tiny real trial, and every kind of bad input → exit 2 naming what is wrong.</summary>
[Category(Category.Training)]
public sealed class TrainCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("train");

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Tiny =
        ["train", "--model", "tiny-bert", "--data", "toy-sentiment", "--preset", "B-FP", "--max-steps", "3", "--max-eval", "16", "--max-length", "24", "--threads", "1"];

    [Fact]
    public async Task TinyTrialWritesStableJson()
    {
        var json = Path.Combine(_dir.Path, "r.json");
        var (code, stdout, stderr) = await ConsoleRunner.Run([.. Tiny, "--json", json]);
        Assert.True(code == 0, stderr);
        Assert.Contains("accuracy", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal("Completed", r.GetProperty("state").GetString());
        Assert.Equal(3, r.GetProperty("metrics").GetProperty("steps").GetInt32());
        Assert.Equal(16, r.GetProperty("eval_predictions").GetArrayLength());
        Assert.Equal(3, r.GetProperty("loss_curve").GetArrayLength());
    }

    [Fact]
    public async Task MissingWeightsDirectoryIsExit2()
    {
        var (code, _, stderr) = await ConsoleRunner.Run("train", "--model", Path.Combine(_dir.Path, "nope"), "--preset", "B-FP", "--data", "toy-sentiment");
        Assert.Equal(2, code);
        Assert.Contains("nope", stderr);
    }

    [Fact]
    public async Task CorruptWeightsFileIsExit2NamingTheFile()
    {
        var model = Path.Combine(_dir.Path, "model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "config.json"), """{"model_type":"bert","hidden_size":32,"num_hidden_layers":1,"num_attention_heads":2,"intermediate_size":64}""");
        File.WriteAllBytes(Path.Combine(model, "model.safetensors"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var (code, _, stderr) = await ConsoleRunner.Run([.. Tiny.Select(a => a == "tiny-bert" ? model : a)]);
        Assert.Equal(2, code);
        Assert.Contains("model.safetensors", stderr);
    }

    [Fact]
    public async Task WrongShapesAreExit2ListingTheTensor()
    {
        // Write tiny-gpt2-shaped weights, then claim a different width in config.json.
        var model = Path.Combine(_dir.Path, "gpt");
        var (pcode, _, perr) = await ConsoleRunner.Run("pretrain", "--data", "toy-text", "--out", model, "--steps", "1", "--block", "16", "--threads", "1");
        Assert.True(pcode == 0, perr);
        var config = File.ReadAllText(Path.Combine(model, "config.json")).Replace("\"n_embd\": 64", "\"n_embd\": 32");
        File.WriteAllText(Path.Combine(model, "config.json"), config);
        var (code, _, stderr) = await ConsoleRunner.Run("train", "--model", model, "--data", "toy-text", "--preset", "B-FP", "--max-steps", "1");
        Assert.Equal(2, code);
        Assert.Contains("transformer.wte.weight", stderr);
    }

    [Fact]
    public async Task UnknownTargetModuleIsExit2ListingTheLinearModules()
    {
        var (code, _, stderr) = await ConsoleRunner.Run([.. Tiny, "--targets", "qkv_proj"]);
        Assert.Equal(2, code);
        Assert.Contains("qkv_proj", stderr);
        Assert.Contains("attention.self.query", stderr);
    }

    [Fact]
    public async Task EmptyDatasetIsExit2NamingTheFile()
    {
        var sst = Path.Combine(_dir.Path, "sst");
        Directory.CreateDirectory(sst);
        File.WriteAllText(Path.Combine(sst, "train.tsv"), "sentence\tlabel\n");
        File.WriteAllText(Path.Combine(sst, "dev.tsv"), "sentence\tlabel\n");
        var (code, _, stderr) = await ConsoleRunner.Run([.. Tiny.Select(a => a == "toy-sentiment" ? "sst2:" + sst : a)]);
        Assert.Equal(2, code);
        Assert.Contains("train.tsv", stderr);
    }

    [Fact]
    public async Task LabelsOtherThanZeroOrOneAreExit2WithTheLine()
    {
        var sst = Path.Combine(_dir.Path, "sst3");
        Directory.CreateDirectory(sst);
        File.WriteAllText(Path.Combine(sst, "train.tsv"), "sentence\tlabel\ngood film\t1\nbad film\t2\n");
        File.WriteAllText(Path.Combine(sst, "dev.tsv"), "sentence\tlabel\nok\t0\n");
        var (code, _, stderr) = await ConsoleRunner.Run([.. Tiny.Select(a => a == "toy-sentiment" ? "sst2:" + sst : a)]);
        Assert.Equal(2, code);
        Assert.Contains("train.tsv", stderr);
        Assert.Contains("3", stderr);
    }

    [Theory]
    [InlineData("--rank", "0", "rank")]
    [InlineData("--ada-target-rank", "12", "target_rank")]
    [InlineData("--ada-tinit", "0.6", "tinit")]
    [InlineData("--device", "tpu", "device")]
    public async Task BadAdapterSettingsAreExit2NamingTheField(string option, string value, string field)
    {
        var preset = option.StartsWith("--ada") ? "B-Ada" : "B-FP";
        var args = Tiny.Select(a => a == "B-FP" ? preset : a).Concat([option, value]);
        if (option == "--ada-tinit") args = args.Concat(["--ada-tfinal", "0.5"]);
        var (code, _, stderr) = await ConsoleRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(field, stderr);
    }
}
