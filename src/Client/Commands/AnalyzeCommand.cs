using Sweep.Analysis;
using Sweep.Client.Cli;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep analyze TRIALS.csv [--baseline P] [--alpha A] [--json FILE] [--out DIR]</c>: recomputes the analysis
/// (groups, paired tests against the baseline, verdicts on the paper's claims) from an exported trials CSV.
/// Prints the summary to stdout; --json writes the contract JSON, --out writes summary.md and figures/*.png.
/// Bad input (unreadable CSV, missing column, non-numeric value, unknown baseline) exits 2 naming what is wrong.
/// </summary>
public sealed class AnalyzeCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    public string Name => "analyze";
    public string Usage => "analyze TRIALS.csv [--baseline PRESET] [--alpha A] [--json FILE] [--out DIR]";
    public string Summary => "recompute the analysis (stats, significance tests, claim verdicts, figures) from a trials CSV";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var csv = args.PositionalAt(0, "TRIALS.csv");
        var baseline = args.Option("baseline") ?? "B-FP";
        var alpha = args.DoubleOption("alpha") ?? 0.05;
        var json = args.Option("json");
        var outDir = args.Option("out");
        args.EnsureAllUsed(1);
        if (alpha is <= 0 or >= 1) throw new UsageException($"option --alpha: {alpha} is not in (0, 1)");

        IReadOnlyList<TrialRecord> trials;
        AnalysisReport report;
        try
        {
            trials = TrialsCsv.Read(csv);
            report = StudyAnalyzer.Analyze(trials, new AnalysisOptions(baseline, alpha));
        }
        catch (AnalysisInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Task.FromResult(ExitCodes.BadInput);
        }

        AnalysisConsoleView.Write(stdout, report, trials, baseline);
        try
        {
            if (json is not null)
            {
                WriteFile(json, AnalysisJson.Serialize(report));
                stdout.WriteLine($"wrote {json}");
            }
            if (outDir is not null)
            {
                var summary = Path.Combine(outDir, "summary.md");
                ReportWriter.WriteSummaryMarkdown(report, trials, summary);
                stdout.WriteLine($"wrote {summary}");
                foreach (var figure in ReportWriter.WriteFigures(report, trials, Path.Combine(outDir, "figures")))
                    stdout.WriteLine($"wrote {figure}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Task.FromResult(ExitCodes.Failure);
        }
        return Task.FromResult(ExitCodes.Ok);
    }

    private static void WriteFile(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
    }
}
