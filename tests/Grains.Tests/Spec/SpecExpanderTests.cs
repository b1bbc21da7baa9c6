using Sweep.Grains.Interfaces;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

[Category(Category.Unit)]
public sealed class SpecExpanderTests
{
    private static SweepSpec Spec(string yaml) => SpecLoader.Load(yaml).Spec ?? throw new InvalidOperationException(string.Join("\n", SpecLoader.Load(yaml).Problems));

    [Fact]
    public void Quickstart_gives_six_presets_times_three_seeds()
    {
        var trials = SpecExpander.Expand(Spec(SpecLoaderTests.Good));
        Assert.Equal(18, trials.Count);
        Assert.Equal(18, trials.Select(t => t.Id).Distinct().Count());
        Assert.Contains(trials, t => t.Id == "sentiment/B-FP/r8/s1" && t.Rank == 8);
        Assert.Contains(trials, t => t.Id == "sentiment/Joint-2/ada/s3" && t.Rank is null);
    }

    [Fact]
    public void AdaLora_presets_are_not_swept_over_ranks()
    {
        var trials = SpecExpander.Expand(Spec(SpecLoaderTests.Good.Replace("ranks: [8]", "ranks: [4, 8, 16]")));
        // 3 fixed-rank presets × 3 ranks × 3 seeds + 3 AdaLoRA presets × 3 seeds
        Assert.Equal(27 + 9, trials.Count);
        Assert.Equal(3, trials.Count(t => t.Preset == "B-Ada"));
        Assert.Equal(9, trials.Count(t => t.Preset == "Joint-3"));
    }

    [Fact]
    public void Ids_are_deterministic_across_expansions()
    {
        var a = SpecExpander.Expand(Spec(SpecLoaderTests.Good)).Select(t => t.Id);
        var b = SpecExpander.Expand(Spec(SpecLoaderTests.Good)).Select(t => t.Id);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Trial_spec_takes_preset_overrides_over_sweep_settings_over_core_defaults()
    {
        var spec = Spec(SpecLoaderTests.Good);
        var plans = SpecExpander.Expand(spec);
        var ada = TrialSpecFactory.Create(spec, plans.First(p => p.Preset == "B-Ada"), "cpu");
        var fp = TrialSpecFactory.Create(spec, plans.First(p => p.Preset == "B-FP"), "cuda");
        Assert.Equal(5e-4, ada.Training.LearningRate);
        Assert.Equal(1e-4, fp.Training.LearningRate);
        Assert.Equal(16, ada.Training.BatchSize);
        Assert.Equal(new TrainingSettings().MaxGradNorm, ada.Training.MaxGradNorm);
        Assert.Equal(("minilm", "uci-sentiment", TaskKind.Classification, 50, "cuda", 8), (fp.Model, fp.Data, fp.Kind, fp.CheckpointEvery, fp.Device, fp.Rank!.Value));
        Assert.Null(ada.Rank);
    }
}
