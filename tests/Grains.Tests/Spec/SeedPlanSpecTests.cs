using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

[Category(Category.Unit)]
public sealed class SeedPlanSpecTests
{
    private static string Spec(string seeds, string analysis = "") => $"""
        name: s
        tasks:
          - {"{"} name: t, kind: classification, model: tiny-bert, data: toy-sentiment {"}"}
        presets: [B-FP, B-Q4, B-Ada]
        ranks: [4, 8]
        seeds: {seeds}
        {analysis}
        """;

    [Fact]
    public void Seeds_on_demand_load_with_obrien_fleming_by_default_and_count_up_to_max()
    {
        var spec = SpecLoader.Load(Spec("{ start: 3, max: 12, step: 3 }")).Spec!;
        Assert.Equal(new SeedPlan { Start = 3, Max = 12, Step = 3 }, spec.SeedPlan);
        Assert.Equal(Enumerable.Range(1, 12), spec.Seeds);
        Assert.Equal(SequentialMethods.OBrienFleming, spec.Analysis.Sequential);
        Assert.Null(spec.Analysis.EquivalenceMargin);
        Assert.Equal([3, 6, 9, 12], SweepSize.LookSeeds(spec));
        // B-FP and B-Q4 sweep two ranks, B-Ada one: 5 trials per seed.
        Assert.Equal(60, SweepSize.Count(spec));
        Assert.Equal(15, SweepSize.FirstLook(spec));
    }

    [Fact]
    public void Method_margin_and_a_short_last_step_are_read()
    {
        var spec = SpecLoader.Load(Spec("{ start: 4, max: 10, step: 4 }", "analysis: { baseline: B-FP, sequential: pocock, alpha: 0.1, equivalence_margin: 0.02 }")).Spec!;
        Assert.Equal([4, 8, 10], spec.SeedPlan!.Looks());
        Assert.Equal(SequentialMethods.Pocock, spec.Analysis.Sequential);
        Assert.Equal(0.1, spec.Analysis.Alpha);
        Assert.Equal(0.02, spec.Analysis.EquivalenceMargin);
    }

    [Fact]
    public void Step_defaults_to_start_and_none_runs_every_seed_in_one_look()
    {
        var spec = SpecLoader.Load(Spec("{ start: 3, max: 9 }", "analysis: { sequential: none }")).Spec!;
        Assert.Equal(3, spec.SeedPlan!.Step);
        Assert.Equal([9], SweepSize.LookSeeds(spec));
        Assert.Equal(SweepSize.Count(spec), SweepSize.FirstLook(spec));
    }

    [Fact]
    public void A_plain_list_keeps_todays_behaviour()
    {
        var spec = SpecLoader.Load(Spec("[1, 2, 3]")).Spec!;
        Assert.Null(spec.SeedPlan);
        Assert.Equal(SequentialMethods.None, spec.Analysis.Sequential);
        Assert.Equal(SweepSize.Count(spec), SweepSize.FirstLook(spec));
    }

    [Theory]
    [InlineData("{ start: 1, max: 12, step: 3 }", "", "seeds.start: must be >= 2 (got 1)")]
    [InlineData("{ start: 3, max: 2000 }", "", "seeds.max: must be <= 1000 (got 2000)")]
    [InlineData("{ start: 3, max: 12, step: -1 }", "", "seeds.step: must be > 0 (got -1)")]
    [InlineData("{ max: 12 }", "", "seeds.start: is required in seeds on demand")]
    [InlineData("{ start: 3, max: 100, step: 1 }", "", "seeds.step: gives 98 looks from 3 to 100 seeds; at most 20 are allowed")]
    [InlineData("{ start: 3, max: 12 }", "analysis: { sequential: OBF }", "analysis.sequential: 'OBF' is not one of obrien-fleming, pocock, none")]
    [InlineData("{ start: 3, max: 12 }", "analysis: { equivalence_margin: 0 }", "analysis.equivalence_margin: must be > 0 (got 0)")]
    [InlineData("[1, 2, 3]", "analysis: { sequential: obrien-fleming }", "analysis.sequential: 'obrien-fleming' needs seeds on demand")]
    public void Bad_plans_name_the_field(string seeds, string analysis, string expected)
    {
        var problems = SpecLoader.Load(Spec(seeds, analysis)).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
