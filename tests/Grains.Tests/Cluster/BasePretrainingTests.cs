using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>The base-pretraining stage on the test cluster, with the real training core (a 1-layer, 16-wide GPT-2 shape).</summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class BasePretrainingTests(ClusterFixture fx)
{
    private static BaseRecipe Recipe(int steps, int seed) => new()
    {
        Data = "toy-text", Layers = 1, Width = 16, Heads = 2, Positions = 64, BlockSize = 16, BatchSize = 4,
        Steps = steps, Seed = seed, WarmupSteps = 2, CheckpointEvery = 10,
    };

    private static SweepSpec Spec(string name, BaseRecipe recipe) => new()
    {
        Name = name,
        Tasks = [new TaskSpec { Name = "lm", Kind = TaskKinds.LanguageModelling, Model = recipe.ModelName, Data = "toy-text", Base = recipe }],
        Presets = ["B-FP"],
        Seeds = [1],
        Training = new TrainingOverrides { MaxSteps = 2, BatchSize = 2, MaxLength = 16, MaxEvalExamples = 4, WarmupSteps = 1 },
        ThreadsPerTrial = 1,
        Retries = 1,
    };

    [Fact]
    public async Task A_second_sweep_with_the_same_recipe_adapts_the_stored_base_without_pretraining()
    {
        var recipe = Recipe(steps: 12, seed: 101);
        var (first, _) = await Specs.Submit(fx.Client, Spec("base-first", recipe));
        var done = await Specs.Finished(first, seconds: 240);
        var firstResults = await first.GetResults();
        Assert.Equal(ExperimentState.Completed, done.State);
        Assert.All(firstResults.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        var pretrained = Assert.Single(firstResults.Bases);
        Assert.Equal(BaseState.Ready, pretrained.State);
        Assert.False(pretrained.Reused);
        Assert.Equal(first.GetPrimaryKeyString(), pretrained.Provenance!.PretrainedBy);
        Assert.Equal(12, pretrained.Provenance.Steps);
        Assert.InRange(pretrained.Provenance.Perplexity, 1, 60_000);

        var (second, submitted) = await Specs.Submit(fx.Client, Spec("base-second", recipe));
        Assert.All(submitted.Bases, b => Assert.NotEqual(BaseState.Pretraining, b.State));
        await Specs.Finished(second, seconds: 240);
        var secondResults = await second.GetResults();
        var reused = Assert.Single(secondResults.Bases);
        Assert.True(reused.Reused, "the second sweep pretrained the base again");
        Assert.Equal(pretrained.Provenance, reused.Provenance); // the same base: same time, silo, attempts
        Assert.All(secondResults.Trials, t => Assert.Equal(TrialState.Completed, t.State));
    }

    [Fact]
    public async Task Pretraining_on_a_killed_silo_resumes_elsewhere_from_its_checkpoint()
    {
        var recipe = Recipe(steps: 200, seed: 202);
        var victim = fx.SiloWith("mps").Address;
        // start the base on the mps silo (not the primary, which holds the experiment): the test asks first, naming the silo
        var baseGrain = fx.Client.GetGrain<IBaseGrain>(IBaseGrain.KeyOf(recipe, new PlacementSpec()));
        RequestContext.Set(WorkerPlacementDirector.PreferredSiloKey, victim);
        try { Assert.Equal(victim, (await baseGrain.EnsureBuilt(recipe, "test", 1)).Silo); }
        finally { RequestContext.Remove(WorkerPlacementDirector.PreferredSiloKey); }

        var (grain, _) = await Specs.Submit(fx.Client, Spec("base-loss", recipe));
        var running = await Eventually.Until(grain.GetStatus,
            s => s.Bases.Any(b => b.Progress is { Step: >= 25 }), TimeSpan.FromSeconds(180), "the base past step 25");
        var before = running.Bases.Single().Progress!;
        Assert.Equal(victim, before.Silo);
        ExperimentStatus done = null!;
        ExperimentResults results = null!;
        await fx.KillAndReplace(victim, async () =>
        {
            var resumed = await Eventually.Until(grain.GetStatus,
                s => s.Bases.Any(b => b.Progress is { Attempt: >= 2 } || b.State == BaseState.Ready), TimeSpan.FromSeconds(120), "the base running again");
            var p = resumed.Bases.Single().Progress;
            if (p is not null)
            {
                Assert.NotEqual(victim, p.Silo);
                // resumed from the last checkpoint (every 10 steps), not from step 0
                Assert.True(p.Step >= 20, $"the second attempt is at step {p.Step}");
            }
            done = await Specs.Finished(grain, seconds: 300);
            results = await grain.GetResults();
        });
        Assert.Equal(ExperimentState.Completed, done.State);
        var built = Assert.Single(results.Bases);
        Assert.Equal(BaseState.Ready, built.State);
        Assert.True(built.Provenance!.Attempts >= 2, $"{built.Provenance.Attempts} attempt(s)");
        Assert.NotEqual(victim, built.Provenance.Silo);
        Assert.Equal(200, built.Provenance.Steps);
        Assert.All(results.Trials, t => Assert.Equal(TrialState.Completed, t.State));
    }
}
