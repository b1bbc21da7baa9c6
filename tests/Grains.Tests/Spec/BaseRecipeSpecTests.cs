using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

[Category(Category.Unit)]
public sealed class BaseRecipeSpecTests
{
    private const string Lm = """
        name: lm
        tasks:
          - name: sotu
            kind: language-modelling
            model:
              pretrain:
                config: { n_layer: 3, n_embd: 96, n_head: 4, n_positions: 128 }
                data: moby-dick
                steps: 500
                seed: 7
                batch_size: 4
                block_size: 64
                lr: 2e-3
            data: sotu
        presets: [B-FP]
        seeds: [1]
        """;

    private static IReadOnlyList<string> Problems(string yaml) => SpecLoader.Load(yaml).Problems.Select(p => p.ToString()).ToList();

    [Fact]
    public void A_recipe_is_read_with_its_fields_and_names_the_model_by_its_hash()
    {
        var spec = SpecLoader.Load(Lm).Spec!;
        var task = spec.Tasks.Single();
        var r = task.Base!;
        Assert.Equal((3, 96, 4, 128, "moby-dick", 500, 7, 4, 64, 2e-3), (r.Layers, r.Width, r.Heads, r.Positions, r.Data, r.Steps, r.Seed, r.BatchSize, r.BlockSize, r.LearningRate));
        Assert.Equal(30, r.WarmupSteps); // default
        Assert.Equal("base:" + r.Hash(), task.Model);
        Assert.Equal("sotu", task.Data);
    }

    [Fact]
    public void The_hash_follows_what_determines_the_weights_and_nothing_else()
    {
        var r = new BaseRecipe { Data = "moby-dick" };
        Assert.Equal(16, r.Hash().Length);
        Assert.Equal(r.Hash(), (r with { }).Hash());
        Assert.Equal(r.Hash(), (r with { CheckpointEvery = 7 }).Hash());        // how often it saves does not change the base
        Assert.NotEqual(r.Hash(), (r with { Seed = 2 }).Hash());
        Assert.NotEqual(r.Hash(), (r with { Data = "sotu" }).Hash());
        Assert.NotEqual(r.Hash(), (r with { LearningRate = 1.0001e-3 }).Hash());
        // the canonical text, hashed by hand: SHA-256 of these bytes
        Assert.Equal("gpt2|vocab=50257|layers=2|width=64|heads=4|positions=256|data=moby-dick|steps=300|seed=1|batch=8|block=128|lr=0.001|warmup=30", r.Canonical());
    }

    [Fact]
    public void A_named_shape_is_accepted()
    {
        var spec = SpecLoader.Load(Lm.Replace("config: { n_layer: 3, n_embd: 96, n_head: 4, n_positions: 128 }", "config: tiny-gpt2")).Spec!;
        Assert.Equal((2, 64, 4), (spec.Tasks[0].Base!.Layers, spec.Tasks[0].Base!.Width, spec.Tasks[0].Base!.Heads));
    }

    [Theory]
    [InlineData("data: moby-dick", "data: uci-sentiment", "tasks[0].model.pretrain.data: 'uci-sentiment' is for classification")]
    [InlineData("steps: 500", "steps: 0", "tasks[0].model.pretrain.steps")]
    [InlineData("n_embd: 96", "n_embd: 90", "tasks[0].model.pretrain.config.n_embd: 90 must be a multiple of n_head 4")]
    [InlineData("block_size: 64", "block_size: 256", "tasks[0].model.pretrain.block_size: 256 exceeds the model's 128 positions")]
    [InlineData("seed: 7", "sead: 7", "tasks[0].model.pretrain")]
    [InlineData("kind: language-modelling", "kind: classification", "the task's kind must be language-modelling")]
    public void Bad_recipes_name_the_field(string from, string to, string expected)
    {
        var problems = Problems(Lm.Replace(from, to));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_lm_quick_example_reads_and_pretrains_its_base_on_another_corpus_than_it_adapts_to()
    {
        var path = Path.Combine(SpecMutants.RepositoryRoot(), "examples", "lm-quick.yaml");
        var result = SpecLoader.Load(File.ReadAllText(path));
        Assert.Empty(result.Problems);
        var task = result.Spec!.Tasks.Single();
        Assert.NotNull(task.Base);
        Assert.NotEqual(task.Base!.Data, task.Data);
    }
}
