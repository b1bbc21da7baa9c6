using Sweep.Analysis.Reports;

namespace Sweep.Analysis.Tests;

/// <summary>Perplexity is read as lower-is-better in the tests, the claims, Table 1 and the summary; values by hand.</summary>
[Category(Category.Unit)]
public sealed class LanguageModelDirectionTests
{
    private static readonly AnalysisOptions Options = new(BootstrapIterations: 100);

    /// <summary>Three seeds; fixed-rank presets at perplexity ≈ 30, adaptive ones 3 higher (worse).</summary>
    private static List<TrialRecord> LmStudy(double adaptiveExtra = 3)
    {
        double[] seedBase = [30.0, 31.0, 29.5];
        double[] adaptiveNoise = [0.0, 0.2, -0.1];
        var trials = new List<TrialRecord>();
        foreach (var preset in new[] { "B-FP", "B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3" })
            for (var s = 0; s < 3; s++)
            {
                var adaptive = preset is "B-Ada" or "Joint-1" or "Joint-2";
                var ppl = seedBase[s] + (adaptive ? adaptiveExtra + adaptiveNoise[s] : 0) + (preset == "B-Q4" ? 0.01 * (s - 1) : 0);
                trials.Add(new TrialRecord("moby-dick", preset, s + 1, "Completed", new Dictionary<string, double>
                {
                    ["perplexity"] = ppl, ["eval_loss"] = Math.Log(ppl), ["trainable_params"] = adaptive ? 2000 : 1000,
                    ["peak_memory_bytes"] = 1e9, ["train_seconds"] = 60 + s, ["tokens_per_second"] = 1000 + s,
                }));
            }
        return trials;
    }

    [Fact]
    public void A_higher_perplexity_is_worse_in_the_paired_test()
    {
        var r = StudyAnalyzer.Analyze(LmStudy(), Options);
        var t = r.Comparisons.Single(c => c.Metric == "perplexity" && c.B == "B-Ada" && c.Test == "paired_t");
        // per-seed B-Ada − B-FP: 3.0, 3.2, 2.9 → mean 3.0333, sd 0.15275, t = 3.0333 / (0.15275 / √3) = 34.39
        Assert.Equal(3.0333333, t.Diff!.Value, 6);
        Assert.Equal(34.394, t.Statistic!.Value, 2);
        Assert.Equal("lower_is_better", t.Direction);
        Assert.Equal("B-FP", t.Better);    // the baseline, with the lower perplexity
        var acc = r.Comparisons.First(c => c.Metric == "train_seconds");
        Assert.Equal("lower_is_better", acc.Direction);
        // ASO runs on values negated for a lower-is-better metric: B-Ada (always higher) is dominated, ε_min near 1
        var aso = r.Comparisons.Single(c => c.Metric == "perplexity" && c.B == "B-Ada" && c.Test == "aso");
        Assert.True(aso.EffectSize > 0.5, $"eps_min {aso.EffectSize}");
    }

    [Fact]
    public void C1_is_supported_when_fixed_rank_has_the_lower_perplexity_and_refuted_when_adaptive_has()
    {
        var better = StudyAnalyzer.Analyze(LmStudy(adaptiveExtra: 3), Options).Claims.Single(c => c.Id == "C1");
        Assert.Equal("moby-dick", better.Task);
        Assert.Equal(Verdict.Supported, better.Verdict);
        // seed 1: fixed 30, adaptive 33 → reduction 100·(1 − 30/33) = 9.09 %
        Assert.Contains("perplexity reduction", better.Evidence);
        Assert.Contains("fixed perplexity 30.17 vs adaptive perplexity 33.20", better.Evidence);

        var worse = StudyAnalyzer.Analyze(LmStudy(adaptiveExtra: -3), Options).Claims.Single(c => c.Id == "C1");
        Assert.Equal(Verdict.Refuted, worse.Verdict);
        Assert.Contains("adaptive is significantly better", worse.Evidence);
    }

    [Fact]
    public void C2_equivalence_is_a_relative_perplexity_margin()
    {
        // B-Q4 differs from B-FP by −0.01, 0, +0.01 perplexity: |reduction| ≤ 0.034 %, well inside ±1 %
        var c2 = StudyAnalyzer.Analyze(LmStudy(), Options).Claims.Single(c => c.Id == "C2");
        Assert.Equal(Verdict.Supported, c2.Verdict);
        Assert.Contains("margin ±1.0 %", c2.Evidence);
    }

    [Fact]
    public void Summary_marks_directions_and_shows_the_lm_verdicts()
    {
        var trials = LmStudy();
        var report = StudyAnalyzer.Analyze(trials, Options);
        var md = SummaryMarkdown.Render(report, trials, Options);
        Assert.Contains("| Config | Method | n | Perplexity ↓ | Eval loss ↓ | Trainable params ↓ | Memory (GiB) ↓ | Time (min) ↓ | Tokens/s ↑ |", md);
        Assert.Contains("- **C1 supported** — ", md);
        Assert.Contains("| perplexity | B-Ada | paired_t | 3 | +3.03 [", md);
        Assert.Contains("| B-FP |", md.Split('\n').Single(l => l.StartsWith("| perplexity | B-Ada | paired_t", StringComparison.Ordinal)));
    }
}
