using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Analysis;
using Sweep.Client.Cli;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep analyze TRIALS.csv [--baseline P] [--alpha A] [--json FILE] [--out DIR] [--seeds START,MAX,STEP]</c>: recomputes the analysis
/// (groups, paired tests against the baseline, verdicts on the paper's claims) from an exported trials CSV.
/// Prints the summary to stdout; --json writes the contract JSON, --out writes summary.md, significance.csv and figures/*.png.
/// Bad input (unreadable CSV, missing column, non-numeric value, unknown baseline) exits 2 naming what is wrong.
/// </summary>
public sealed class AnalyzeCommand(ConsoleStreams io) : Command<AnalyzeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<TRIALS.csv>")]
        [Description("trials CSV, as written by 'sweep run' or 'sweep results'")]
        public string Csv { get; set; } = "";

        [CommandOption("--baseline <PRESET>")]
        [Description("preset the others are compared against")]
        [DefaultValue("B-FP")]
        public string Baseline { get; set; } = "B-FP";

        [CommandOption("--alpha <A>")]
        [Description("significance level of the paired tests, in (0, 1)")]
        [DefaultValue(0.05)]
        public double Alpha { get; set; } = 0.05;

        [CommandOption("--json <FILE>")]
        [Description("also write the analysis as JSON")]
        public string? Json { get; set; }

        [CommandOption("--out <DIR>")]
        [Description("also write summary.md and figures/*.png into DIR")]
        public string? Out { get; set; }

        [CommandOption("--seeds <START,MAX,STEP>")]
        [Description("also replay seeds on demand on these trials: which comparisons stop at which look, and the trials saved")]
        public string? Seeds { get; set; }

        [CommandOption("--sequential <METHOD>")]
        [Description("with --seeds: obrien-fleming (default), pocock or none")]
        [DefaultValue(SequentialMethods.OBrienFleming)]
        public string Sequential { get; set; } = SequentialMethods.OBrienFleming;

        [CommandOption("--equivalence-margin <M>")]
        [Description("with --seeds: stop a comparison shown to lie within ±M (the metric's units)")]
        public double? EquivalenceMargin { get; set; }

        public override ValidationResult Validate() =>
            Alpha is <= 0 or >= 1 ? ValidationResult.Error($"--alpha: {Alpha} is not in (0, 1)")
            : Seeds is not null && SequentialReplay.ParsePlan(Seeds) is null ? ValidationResult.Error($"--seeds: '{Seeds}' is not START,MAX,STEP with 2 <= START <= MAX <= {SweepFields.MaxSequentialSeeds}, STEP >= 1 and at most {SweepFields.MaxLooks} looks")
            : !SequentialMethods.IsKnown(Sequential) ? ValidationResult.Error($"--sequential: '{Sequential}' is not one of {string.Join(", ", SequentialMethods.All)}")
            : EquivalenceMargin is { } m && !(m > 0 && double.IsFinite(m)) ? ValidationResult.Error($"--equivalence-margin: must be > 0 (got {m})")
            : (EquivalenceMargin is not null || Sequential != SequentialMethods.OBrienFleming) && Seeds is null ? ValidationResult.Error("--sequential and --equivalence-margin need --seeds START,MAX,STEP")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var code = Analyze(settings.Csv, new AnalysisOptions(settings.Baseline, settings.Alpha), settings.Json, settings.Out, io.Out, io.Err);
        if (code != ExitCodes.Ok || settings.Seeds is null) return code;
        var analysis = new AnalysisSpec { Baseline = settings.Baseline, Alpha = settings.Alpha, Sequential = settings.Sequential, EquivalenceMargin = settings.EquivalenceMargin };
        return SequentialReplay.Print(settings.Csv, SequentialReplay.ParsePlan(settings.Seeds)!, analysis, io.Out, io.Err);
    }

    /// <summary>Inputs above these sizes get progress lines on standard error (each phase with its elapsed time).</summary>
    public const int LargeRowCount = 50_000;
    public const long LargeFileBytes = 20_000_000;

    /// <summary>The verb's work once its arguments are parsed: read the CSV, analyse once, print, write --json and --out.</summary>
    /// <returns>the exit code: 2 for bad input (naming the file, row and column), 1 when a file cannot be written.</returns>
    public static int Analyze(string csv, AnalysisOptions options, string? json, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<TrialRecord> trials;
        AnalysisReport report;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var bytes = File.Exists(csv) ? new FileInfo(csv).Length : 0;
            if (bytes > LargeFileBytes) stderr.WriteLine($"reading {csv} ({bytes / 1e6:F0} MB)...");
            trials = TrialsCsv.Read(csv);
            var large = trials.Count > LargeRowCount || bytes > LargeFileBytes;
            if (large) stderr.WriteLine($"read {trials.Count:N0} rows in {clock.Elapsed.TotalSeconds:F1} s; analysing...");
            report = StudyAnalyzer.Analyze(trials, options);
            if (large) stderr.WriteLine($"analysed in {clock.Elapsed.TotalSeconds:F1} s ({report.Groups.Count} groups, {report.Comparisons.Count} tests)");
        }
        catch (AnalysisInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        AnalysisConsoleView.Write(stdout, report, trials, options.Baseline);
        var nonFinite = report.Groups.Where(g => g.NonFinite > 0).ToList();
        if (nonFinite.Count > 0)
            stderr.WriteLine($"note: {nonFinite.Sum(g => g.NonFinite)} non-finite metric value(s) (NaN/±∞) in {nonFinite.Count} group(s) are left out " +
                $"of the statistics and counted apart (first: {nonFinite[0].Task} {nonFinite[0].Preset} {nonFinite[0].Metric}, " +
                $"{nonFinite[0].NonFinite} of {nonFinite[0].N + nonFinite[0].NonFinite}); see the note under the table");
        try
        {
            if (json is not null)
            {
                WriteFile(json, ContractJson.Serialize(report));
                stdout.WriteLine($"wrote {json}");
            }
            if (outDir is not null)
            {
                var (written, notes) = ReportWriter.WriteAll(outDir, report, trials, options);
                foreach (var path in written) stdout.WriteLine($"wrote {path}");
                foreach (var note in notes) stderr.WriteLine($"error: {note}");
                if (notes.Count > 0) return ExitCodes.Failure;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        return ExitCodes.Ok;
    }

    private static void WriteFile(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
    }
}
