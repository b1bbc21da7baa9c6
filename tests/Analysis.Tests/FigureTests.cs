using Sweep.Analysis.Reports;

namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class FigureTests
{
    [Fact]
    public void Fonts_are_installed_for_figure_text()
    {
        Assert.True(FigureCanvas.MissingFontProblem() is null, FigureCanvas.MissingFontProblem());
    }

    [Fact]
    public void Figures_are_written_as_png_for_a_synthetic_study()
    {
        var trials = SyntheticStudy.Trials();
        var report = StudyAnalyzer.Analyze(trials, new AnalysisOptions(BootstrapIterations: 200));
        using var temp = new TempDirectory("figures");
        var dir = Environment.GetEnvironmentVariable("SWEEP_FIGURE_DIR") ?? temp.Path; // set it to keep the figures
        var paths = ReportWriter.WriteFigures(report, trials, dir);
        var names = paths.Select(Path.GetFileName).ToHashSet();
        foreach (var expected in new[] { "figure1_fixed_vs_adaptive.png", "figure2_configs.png", "figure3_quantization.png",
                     "loss_curves_sentiment.png", "adalora_ranks_sentiment.png" })
            Assert.Contains(expected, names);
        foreach (var p in paths)
        {
            var bytes = File.ReadAllBytes(p);
            Assert.True(bytes.Length > 10_000, $"{p} is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        }
    }

    [Fact]
    public void Sparse_data_still_renders_figures_without_optional_ones()
    {
        // One seed, no memory/time columns, no curves or rank patterns: panels say "no data", nothing throws.
        var trials = SyntheticStudy.Trials(seeds: 1, withPredictions: false, withCurves: false, withLm: false)
            .Select(t => t with
            {
                Metrics = t.Metrics.Where(kv => kv.Key is "accuracy" or "trainable_params").ToDictionary(kv => kv.Key, kv => kv.Value),
                RankPattern = null,
            }).ToList();
        var report = StudyAnalyzer.Analyze(trials, new AnalysisOptions(BootstrapIterations: 50));
        using var temp = new TempDirectory("figures");
        var dir = Path.Combine(Environment.GetEnvironmentVariable("SWEEP_FIGURE_DIR") ?? temp.Path, "sparse");
        var names = ReportWriter.WriteFigures(report, trials, dir).Select(Path.GetFileName).ToList();
        Assert.Equal(["figure1_fixed_vs_adaptive.png", "figure2_configs.png", "figure3_quantization.png"], names);
    }
}
