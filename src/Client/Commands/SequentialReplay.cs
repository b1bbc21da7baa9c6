using Sweep.ResultFiles;
using System.Globalization;
using Sweep.Analysis;
using Sweep.Analysis.Sequential;
using Sweep.Client.Cli;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep analyze TRIALS.csv --seeds START,MAX,STEP</c>: seeds on demand replayed on a sweep that ran every seed
/// (<see cref="SeedsOnDemandReplay"/>), printed as <c>status</c> prints a sequential sweep.
/// </summary>
public static class SequentialReplay
{
    public static SeedPlan? ParsePlan(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))) return null;
        var (start, max, step) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        if (!SweepFields.SeedsStart.Allows(start) || !SweepFields.SeedsMax.Allows(max) || !SweepFields.SeedsStep.Allows(step) || max < start) return null;
        var plan = new SeedPlan { Start = start, Max = max, Step = step };
        return plan.Looks().Count <= SweepFields.MaxLooks ? plan : null;
    }

    public static int Print(string csv, SeedPlan plan, AnalysisSpec analysis, TextWriter stdout, TextWriter stderr)
    {
        ReplayResult result;
        try
        {
            var planner = new SeedsOnDemand(SeedsOnDemand.DesignFor(analysis, plan), analysis.Baseline, analysis.EquivalenceMargin);
            result = SeedsOnDemandReplay.Run(TrialsCsv.Read(csv), planner);
        }
        catch (AnalysisInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        var report = new SequentialReport
        {
            Method = analysis.Sequential, Alpha = analysis.Alpha, EquivalenceMargin = analysis.EquivalenceMargin,
            LookSeeds = analysis.Sequential == SequentialMethods.None ? [plan.Max] : plan.Looks(),
            CurrentLook = result.Comparisons.Values.Select(r => r.Looks.Count).DefaultIfEmpty(1).Max(),
            Done = true, TrialsScheduled = result.TrialsRun, TrialsAtMax = result.TrialsAtMax,
            Comparisons = result.Comparisons.Select(kv => new SequentialComparisonReport
            {
                Task = kv.Key.Task, Preset = kv.Key.Preset, Baseline = analysis.Baseline, Metric = result.Metrics[kv.Key.Task],
                History = kv.Value.Looks.Select(SequentialLookReport.From).ToList(),
            }).ToList(),
        };
        stdout.WriteLine();
        stdout.WriteLine($"replayed on {csv}: {SequentialText.Overview(report)}");
        foreach (var c in report.Comparisons) stdout.WriteLine("  " + SequentialText.Comparison(report, c));
        return ExitCodes.Ok;
    }
}
