using System.Text.Json;

namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class StudyAnalyzerTests
{
    /// <summary>Fewer bootstrap replicates than the default: these tests are about the wiring, not the bootstrap.</summary>
    private static readonly AnalysisOptions Fast = new(BootstrapIterations: 200);
    private static readonly AnalysisReport Report = StudyAnalyzer.Analyze(SyntheticStudy.Trials(), Fast);

    private static ClaimVerdict Claim(AnalysisReport r, string id) => r.Claims.Single(c => c.Id == id && c.Task == "sentiment");

    [Fact]
    public void Groups_cover_completed_trials_only_with_t_intervals()
    {
        var g = Report.Groups.Single(x => x.Task == "sentiment" && x.Preset == "B-Ada" && x.Metric == "accuracy");
        Assert.Equal(5, g.N); // the failed seed-99 row (accuracy 0.1) does not count
        Assert.InRange(g.Mean, 0.87, 0.89);
        Assert.True(g.CiLow < g.Mean && g.Mean < g.CiHigh);
        var p = Report.Groups.Single(x => x.Task == "sentiment" && x.Preset == "B-FP" && x.Metric == "trainable_params");
        Assert.Equal(1_340_930, p.Mean);
        Assert.Equal(0, p.Sd);
    }

    [Fact]
    public void Comparisons_pair_every_preset_with_the_baseline_and_adjust_by_holm()
    {
        var acc = Report.Comparisons.Where(c => c.Task == "sentiment" && c.Metric == "accuracy" && c.Test == "paired_t").ToList();
        Assert.Equal(["B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3"], acc.Select(c => c.B));
        Assert.All(acc, c => Assert.Equal("B-FP", c.A));
        Assert.All(acc, c => Assert.True(c.PHolm >= c.P));
        var ada = acc.Single(c => c.B == "B-Ada");
        Assert.True(ada.Diff < -0.02 && ada.Statistic < 0 && ada.EffectSize < 0, "B-Ada is ~3 points below B-FP");
        Assert.True(ada.PHolm < 0.05);
        // Holm by hand over the family's raw p-values
        var raw = acc.Select(c => c.P!.Value).ToArray();
        var adjusted = Sweep.Analysis.Statistics.HolmBonferroni.Adjust(raw);
        for (var i = 0; i < acc.Count; i++) Assert.Equal(adjusted[i], acc[i].PHolm!.Value, 12);
        foreach (var test in new[] { "wilcoxon", "sign_flip", "aso" })
            Assert.Contains(Report.Comparisons, c => c.Test == test && c.B == "B-Ada" && c.Metric == "accuracy");
        Assert.Contains(Report.Comparisons, c => c.Task == "lm" && c.Metric == "perplexity" && c.Test == "paired_t");
    }

    [Fact]
    public void Per_example_tests_run_per_seed_when_predictions_exist()
    {
        var mc = Report.Comparisons.Where(c => c.Test == "mcnemar_exact" && c.B == "B-Ada").ToList();
        Assert.Equal(5, mc.Count);
        Assert.Equal([1, 2, 3, 4, 5], mc.Select(c => c.Seed!.Value));
        Assert.All(mc, c => Assert.Equal(300, c.N));
        Assert.Equal(10, Report.Comparisons.Count(c => c.Test == "bootstrap" && c.B == "B-Ada")); // accuracy and f1 × 5 seeds
    }

    [Fact]
    public void Claims_on_a_study_built_like_the_paper()
    {
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], Report.Claims.Where(c => c.Task == "sentiment").Select(c => c.Id));
        // the classification task first, then the language-modelling one, each judged on its own
        Assert.Equal(["sentiment", "lm"], Report.Claims.Select(c => c.Task).Distinct());
        Assert.Equal(Verdict.Supported, Claim(Report, "C1").Verdict);
        Assert.Equal(Verdict.Supported, Claim(Report, "C2").Verdict);
        Assert.Equal(Verdict.Supported, Claim(Report, "C3").Verdict);
        Assert.Equal(Verdict.Supported, Claim(Report, "C4").Verdict);
        Assert.Equal(Verdict.Supported, Claim(Report, "C5").Verdict);
        Assert.Equal(Verdict.Supported, Claim(Report, "C6").Verdict);
        Assert.Contains("p_holm=", Claim(Report, "C1").Evidence);
        Assert.Contains("95% CI", Claim(Report, "C1").Evidence);
        Assert.Contains("d_z=", Claim(Report, "C1").Evidence);
    }

    [Fact]
    public void Claims_are_refuted_when_the_data_say_otherwise()
    {
        var trials = SyntheticStudy.Trials(adaptiveGap: -0.03, withPredictions: false, withCurves: false, withLm: false)
            .Select(t => t.Preset == "B-Q4"
                ? t with { Metrics = new Dictionary<string, double>(t.Metrics) { ["peak_memory_bytes"] = t.Metrics.GetValueOrDefault("peak_memory_bytes") * 0.5 / 0.7514 } }
                : t).ToList();
        var r = StudyAnalyzer.Analyze(trials, Fast);
        Assert.Equal(Verdict.Refuted, Claim(r, "C1").Verdict);   // adaptive is 3 points better
        Assert.Equal(Verdict.Refuted, Claim(r, "C3").Verdict);   // memory cut by ~50%, not ~25%
        Assert.Contains("larger than claimed", Claim(r, "C3").Evidence);
    }

    [Fact]
    public void One_seed_gives_insufficient_data_not_a_failure()
    {
        var r = StudyAnalyzer.Analyze(SyntheticStudy.Trials(seeds: 1, withPredictions: false), Fast);
        var acc = r.Comparisons.Where(c => c.Metric == "accuracy").ToList();
        Assert.NotEmpty(acc);
        Assert.All(acc, c => Assert.StartsWith("insufficient data", c.Note));
        Assert.All(acc, c => Assert.Null(c.P));
        foreach (var id in new[] { "C1", "C2", "C3", "C4", "C5" })
        {
            Assert.Equal(Verdict.Inconclusive, Claim(r, id).Verdict);
            Assert.Contains("insufficient data", Claim(r, id).Evidence);
        }
        Assert.Equal(Verdict.Supported, Claim(r, "C6").Verdict); // parameter counts need no seeds
    }

    [Fact]
    public void Unknown_baseline_names_the_presets_present()
    {
        var e = Assert.Throws<AnalysisInputException>(() => StudyAnalyzer.Analyze(SyntheticStudy.Trials(seeds: 2), Fast with { Baseline = "B-XX" }));
        Assert.Contains("B-XX", e.Message);
        Assert.Contains("B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3", e.Message);
    }

    [Fact]
    public void Other_baseline_is_honoured()
    {
        var r = StudyAnalyzer.Analyze(SyntheticStudy.Trials(seeds: 3, withPredictions: false, withLm: false), Fast with { Baseline = "B-Ada" });
        Assert.All(r.Comparisons, c => Assert.Equal("B-Ada", c.A));
        Assert.DoesNotContain(r.Comparisons, c => c.B == "B-Ada");
    }

    [Fact]
    public void Json_has_the_contract_keys_and_no_nan()
    {
        var trials = SyntheticStudy.Trials(seeds: 1, withPredictions: false);
        trials.Add(new TrialRecord("lm", "B-FP", 7, "Completed", new Dictionary<string, double> { ["perplexity"] = double.NaN }));
        var json = ContractJson.Serialize(StudyAnalyzer.Analyze(trials, Fast));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var group = root.GetProperty("groups")[0];
        foreach (var key in new[] { "task", "preset", "metric", "n", "mean", "sd", "ci_low", "ci_high" })
            Assert.True(group.TryGetProperty(key, out _), $"groups[0] lacks '{key}'");
        var cmp = root.GetProperty("comparisons")[0];
        foreach (var key in new[] { "task", "metric", "a", "b", "test", "n", "statistic", "p", "p_holm", "effect", "effect_size", "diff", "ci_low", "ci_high" })
            Assert.True(cmp.TryGetProperty(key, out _), $"comparisons[0] lacks '{key}'");
        var claim = root.GetProperty("claims")[0];
        foreach (var key in new[] { "id", "text", "verdict", "evidence" })
            Assert.True(claim.TryGetProperty(key, out _), $"claims[0] lacks '{key}'");
        Assert.Contains(root.GetProperty("claims").EnumerateArray(), c => c.GetProperty("verdict").GetString() == "inconclusive");
        Assert.DoesNotContain("NaN", json);
        Assert.Equal(JsonValueKind.Null, group.GetProperty("sd").ValueKind); // n = 1: no sd
    }
}
