using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Analysis;
using Sweep.Client.Cli;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep analyze TRIALS.csv [--baseline P] [--alpha A] [--json FILE] [--out DIR]</c>: recomputes the analysis
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

        public override ValidationResult Validate() =>
            Alpha is <= 0 or >= 1 ? ValidationResult.Error($"--alpha: {Alpha} is not in (0, 1)") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        return Analyze(settings.Csv, new AnalysisOptions(settings.Baseline, settings.Alpha), settings.Json, settings.Out, io.Out, io.Err);
    }

    /// <summary>The verb's work once its arguments are parsed: read the CSV, analyse once, print, write --json and --out.</summary>
    /// <returns>the exit code: 2 for bad input (naming the file, row and column), 1 when a file cannot be written.</returns>
    public static int Analyze(string csv, AnalysisOptions options, string? json, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<TrialRecord> trials;
        AnalysisReport report;
        try
        {
            trials = TrialsCsv.Read(csv);
            report = StudyAnalyzer.Analyze(trials, options);
        }
        catch (AnalysisInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        AnalysisConsoleView.Write(stdout, report, trials, options.Baseline);
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
