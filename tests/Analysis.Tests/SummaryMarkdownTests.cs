using Sweep.Analysis.Reports;

namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class SummaryMarkdownTests
{
    private static List<TrialRecord> TwoPresets()
    {
        var trials = new List<TrialRecord>();
        foreach (var (preset, acc) in new[] { ("B-FP", new[] { 0.90, 0.92 }), ("B-Ada", new[] { 0.88, 0.86 }) })
            for (var s = 0; s < 2; s++)
                trials.Add(new TrialRecord("sentiment", preset, s + 1, "Completed", new Dictionary<string, double>
                {
                    ["accuracy"] = acc[s], ["f1"] = acc[s], ["trainable_params"] = preset == "B-FP" ? 1_340_930 : 2_011_502,
                    ["peak_memory_bytes"] = 2L << 30, ["train_seconds"] = 600,
                }));
        trials.Add(new TrialRecord("sentiment", "B-Ada", 3, "Failed", new Dictionary<string, double>()));
        return trials;
    }

    [Fact]
    public void Table1_says_when_a_16_bit_preset_ran_in_fp32()
    {
        var trials = TwoPresets().Select(t => t with { BaseDtype = "fp32", ComputeDtype = "fp32" }).ToList();
        var options = new AnalysisOptions(BootstrapIterations: 100);
        var md = SummaryMarkdown.Render(StudyAnalyzer.Analyze(trials, options), trials, options);
        Assert.Contains("| B-FP | LoRA r=8, 16-bit base (ran with an fp32 base: no 16-bit type on the device) | 2/2 |", md);
        Assert.Contains("| B-Ada | AdaLoRA 12→4, 16-bit base (ran with an fp32 base: no 16-bit type on the device) | 2/3 |", md);
    }

    [Fact]
    public void Summary_leads_with_claims_then_table1_then_the_primary_tests()
    {
        var trials = TwoPresets();
        var options = new AnalysisOptions(BootstrapIterations: 100);
        var md = SummaryMarkdown.Render(StudyAnalyzer.Analyze(trials, options), trials, options);
        int claims = md.IndexOf("## Paper claims", StringComparison.Ordinal), table1 = md.IndexOf("## Table 1 — sentiment", StringComparison.Ordinal),
            significance = md.IndexOf("## Significance against B-FP", StringComparison.Ordinal);
        Assert.True(claims >= 0 && claims < table1 && table1 < significance, "claims, then Table 1, then significance");
        Assert.Contains("- **C1 ", md);
        Assert.Contains("- **C6 supported** — ", md);
        Assert.Contains("| Config | Method | n | Accuracy (%) ↑ | F1 (%) ↑ | Trainable params ↓ | Memory (GiB) ↓ | Time (min) ↓ |", md);
        // B-FP accuracy: mean 91, sd 1.414 → 91.00 ± 1.41 [78.29, 103.71] (t(0.975, 1) = 12.706)
        Assert.Contains("| B-FP | LoRA r=8, 16-bit base | 2/2 | 91.00 ± 1.41 [78.29, 103.71] |", md);
        Assert.Contains("| B-Ada | AdaLoRA 12→4, 16-bit base | 2/3 |", md);
        Assert.Contains("1,340,930 (same every seed)", md);
        Assert.Contains("2.00 (same every seed)", md);   // 2 GiB
        Assert.Contains("10.00 (same every seed)", md);  // 600 s = 10 min
        // B-Ada − B-FP accuracy per seed: −2, −6 points → mean −4.00; the primary test only, in points
        Assert.Contains("| accuracy | B-Ada | paired_t | 2 | -4.00 [", md);
        Assert.DoesNotContain("wilcoxon", md.Split('\n').Where(l => l.StartsWith('|')));
        Assert.Contains("Not tested (the same value on every seed, so a test says nothing; see Table 1): trainable_params, peak_memory_bytes, train_seconds.", md);
    }

    [Fact]
    public void Metrics_that_do_not_vary_over_seeds_are_not_tested()
    {
        var report = StudyAnalyzer.Analyze(SyntheticStudy.Trials(seeds: 3, withPredictions: false), new AnalysisOptions(BootstrapIterations: 50));
        Assert.DoesNotContain(report.Comparisons, c => c.Metric == "trainable_params");
        Assert.Contains(report.Groups, g => g.Metric == "trainable_params" && g.Sd == 0);
        Assert.Contains(report.Comparisons, c => c.Metric == "peak_memory_bytes" && c.Test == "wilcoxon"); // varies: tested
    }

    [Fact]
    public void Significance_csv_has_every_comparison_with_empty_cells_for_missing_numbers()
    {
        var trials = TwoPresets();
        var report = StudyAnalyzer.Analyze(trials, new AnalysisOptions(BootstrapIterations: 100));
        var rows = Io.CsvText.Parse(SignificanceCsv.Render(report.Comparisons), "significance.csv");
        Assert.Equal(SignificanceCsv.Columns, rows[0].Fields);
        Assert.Equal(report.Comparisons.Count, rows.Count - 1);
        Assert.Contains(rows, r => r.Fields[4] == "wilcoxon" && r.Fields[1] == "accuracy");
        Assert.DoesNotContain(rows, r => r.Fields.Any(f => f.Contains("NaN", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_quickstart_sized_summary_is_small()
    {
        // Six presets × three seeds on one classification task, with predictions, curves and rank patterns.
        var trials = SyntheticStudy.Trials(seeds: 3, withLm: false);
        var options = new AnalysisOptions(BootstrapIterations: 100);
        var md = SummaryMarkdown.Render(StudyAnalyzer.Analyze(trials, options), trials, options);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(md) < 8 * 1024, $"summary.md is {md.Length} characters");
    }

    [Fact]
    public void WriteAll_writes_summary_significance_and_figures_beside_each_other()
    {
        var trials = SyntheticStudy.Trials(seeds: 2, withLm: false);
        var options = new AnalysisOptions(BootstrapIterations: 50);
        using var temp = new TempDirectory("report");
        var dir = temp.Path;
        var (written, notes) = ReportWriter.WriteAll(dir, StudyAnalyzer.Analyze(trials, options), trials, options);
        Assert.Empty(notes);
        Assert.Contains(Path.Combine(dir, "summary.md"), written);
        Assert.Contains(Path.Combine(dir, "significance.csv"), written);
        Assert.Contains(Path.Combine(dir, "figures", "adalora_ranks_sentiment.png"), written);
        Assert.All(written, p => Assert.True(File.Exists(p), p));
    }

    [Theory]
    [InlineData(6, "attn.query", 0f)]                       // BERT's six module types fit level
    [InlineData(10, "attention.output.dense", -45f)]        // long names on many cells are slanted
    [InlineData(40, "attn.query", -90f)]                     // so many cells that only upright names fit
    public void Heatmap_module_names_are_turned_when_they_would_overlap(int count, string label, float rotation)
    {
        var (r, height) = RankHeatmapFigure.TickLayout(Enumerable.Repeat(label, count).ToList(), 450);
        Assert.Equal(rotation, r);
        Assert.True(r == 0 ? height == 0 : height > label.Length * 6.6 * 0.7, $"axis height {height}");
    }
}
