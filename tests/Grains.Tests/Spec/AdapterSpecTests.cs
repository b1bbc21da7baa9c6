using Sweep.Grains.Interfaces;
using Sweep.Grains.Trials;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

/// <summary>The spec's <c>adapter:</c> section: knobs for a fair comparison, validated with field paths, carried to the core.</summary>
[Category(Category.Unit)]
public sealed class AdapterSpecTests
{
    private const string Section = """

        adapter:
          targets: [query, value]
          alpha: 32
          matched_budget: true
          adalora: { init_rank: 16, target_rank: 8, tinit: 0.05, tfinal: 0.3, delta_t: 5, orth_reg_weight: 0.1 }
        """;

    [Fact]
    public void AdapterSectionLoadsAndReachesTheTrialSpec()
    {
        var result = SpecLoader.Load(SpecLoaderTests.Good + Section);
        Assert.Empty(result.Problems);
        var spec = result.Spec!;
        Assert.Equal(["query", "value"], spec.Adapter.Targets);
        var plan = SpecExpander.Expand(spec).First(p => p.Preset == "B-Ada");
        var trial = TrialSpecFactory.Create(spec, plan, "cpu");
        Assert.Equal(32, trial.Adapter.AlphaOrDefault());
        Assert.True(trial.Adapter.MatchedBudget);
        Assert.Equal(16, trial.Adapter.AdaInitRank);
        Assert.Equal(8, trial.Adapter.AdaTargetRank);
        Assert.Equal(0.05, trial.Adapter.AdaTinit);
        Assert.Equal(0.3, trial.Adapter.AdaTfinal);
        Assert.Equal(5, trial.Adapter.AdaDeltaT);
        Assert.Equal(0.1, trial.Adapter.AdaOrthRegWeight);
    }

    [Fact]
    public void WithoutTheSectionTheDefaultsApply()
    {
        var spec = SpecLoader.Load(SpecLoaderTests.Good).Spec!;
        var trial = TrialSpecFactory.Create(spec, SpecExpander.Expand(spec).First(), "cpu");
        Assert.Equal(["all-linear"], trial.Adapter.Targets);
        Assert.False(trial.Adapter.MatchedBudget);
        Assert.Null(trial.Adapter.AdaTargetRank);
    }

    [Fact]
    public void BadAdapterSettingsAreReportedWithTheirFieldPaths()
    {
        var yaml = SpecLoaderTests.Good + """

            adapter:
              alpha: -1
              matched_budget: maybe
              adalora: { init_rank: 6, target_rank: 6, tinit: 0.6, tfinal: 0.5, rank: 3 }
            """;
        var problems = SpecLoader.Load(yaml).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("adapter.alpha"));
        Assert.Contains(problems, p => p.StartsWith("adapter.matched_budget"));
        Assert.Contains(problems, p => p.StartsWith("adapter.adalora.target_rank"));
        Assert.Contains(problems, p => p.Contains("adapter.adalora.tinit + adapter.adalora.tfinal"));
        Assert.Contains(problems, p => p.Contains("adapter.adalora.rank") || p.Contains("'rank'"));
    }
}
