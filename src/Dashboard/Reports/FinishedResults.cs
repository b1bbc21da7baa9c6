using Sweep.Analysis;
using Sweep.Grains.Interfaces;

namespace Sweep.Dashboard.Reports;

/// <summary>A finished experiment's results as the dashboard shows them: the outcomes, the analysis, and the directory
/// where the contract files (results.json, trials.csv, summary.md, significance.csv, figures/) were written, and the
/// completed trials whose adapters the cluster's artifact store holds (offered for download).</summary>
public sealed record FinishedResults(ExperimentResults Results, AnalysisReport? Analysis, string Directory, IReadOnlyList<string> Notes,
    IReadOnlyList<string> Adapters)
{
    /// <summary>The figure files, by name, in the order written.</summary>
    public IReadOnlyList<string> Figures =>
        System.IO.Directory.Exists(Path.Combine(Directory, ReportWriter.FiguresDirectory))
            ? System.IO.Directory.GetFiles(Path.Combine(Directory, ReportWriter.FiguresDirectory), "*.png").Select(f => new FileInfo(f).Name).Order(StringComparer.Ordinal).ToList()
            : [];
}
