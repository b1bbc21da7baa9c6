namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class SummaryMarkdownTests
{
    [Fact]
    public void Summary_has_table1_significance_and_claims()
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
        var report = StudyAnalyzer.Analyze(trials, new AnalysisOptions(BootstrapIterations: 100));
        using var dir = new TempDirectory("summary");
        var path = dir.File("summary.md");
        ReportWriter.WriteSummaryMarkdown(report, trials, path);
        var md = File.ReadAllText(path);
        Assert.Contains("| Config | Method | n | Accuracy (%) | F1 (%) | Trainable params | Memory (GiB) | Time (min) |", md);
        // B-FP accuracy: mean 91, sd 1.414 → 91.00 ± 1.41 [78.29, 103.71] (t(0.975, 1) = 12.706)
        Assert.Contains("| B-FP | LoRA r=8, 16-bit base | 2/2 | 91.00 ± 1.41 [78.29, 103.71] |", md);
        Assert.Contains("| B-Ada | AdaLoRA 12→4, 16-bit base | 2/3 |", md);
        Assert.Contains("1,340,930 (same every seed)", md);
        Assert.Contains("2.00 (same every seed)", md);   // 2 GiB
        Assert.Contains("10.00 (same every seed)", md);  // 600 s = 10 min
        Assert.Contains("## Significance", md);
        Assert.Contains("| sentiment | accuracy | B-FP | B-Ada | paired_t |", md);
        Assert.Contains("## Paper claims", md);
        Assert.Contains("| C1 |", md);
        Assert.Contains("| C6 |", md);
    }
}
