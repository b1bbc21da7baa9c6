using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

/// <summary>The experiment's base stage: when a ready base counts as reused.</summary>
[Category(Category.Unit)]
public sealed class BaseStageTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 12, 1, 19, 51, 8, TimeSpan.Zero);

    private static readonly BaseRecipe Recipe = new()
    {
        Data = "toy-text", Layers = 1, Width = 16, Heads = 2, Positions = 64, BlockSize = 16, BatchSize = 4, Steps = 12, Seed = 1,
    };

    private static readonly SweepSpec Spec = new()
    {
        Name = "lm",
        Tasks = [new TaskSpec { Name = "lm", Kind = TaskKinds.LanguageModelling, Model = Recipe.ModelName, Data = "toy-text", Base = Recipe }],
        Presets = ["B-FP"],
        Seeds = [1],
    };

    private static BaseView ReadyAfter(string pretrainedBy, DateTimeOffset pretrainedAt)
    {
        var stage = new BaseStage(Spec, Submitted, new Dictionary<string, BaseProvenance>(), new Dictionary<string, string>());
        var provenance = new BaseProvenance { Hash = Recipe.Hash(), Recipe = Recipe, PretrainedBy = pretrainedBy, PretrainedAt = pretrainedAt };
        Assert.True(stage.Apply(new BaseSnapshot(Recipe.Hash(), BaseState.Ready, "silo", null, provenance, null)));
        return Assert.Single(stage.Views());
    }

    [Fact]
    public void A_base_pretrained_after_the_submission_is_this_sweeps_own()
    {
        var view = ReadyAfter("lm-6f8a85a7", Submitted.AddMinutes(24));
        Assert.Equal(BaseState.Ready, view.State);
        Assert.False(view.Reused);
    }

    [Fact]
    public void A_base_pretrained_before_the_submission_is_reused_even_by_the_same_experiment_id()
    {
        // the same spec run again into another output folder: same experiment id, a base from the first run
        Assert.True(ReadyAfter("lm-6f8a85a7", Submitted.AddMinutes(-27)).Reused);
        Assert.True(ReadyAfter("another-sweep", Submitted.AddDays(-1)).Reused);
    }
}
