using System.Globalization;
using Sweep.Settings;

namespace Sweep.Analysis.Io;

/// <summary>
/// Checks on a trials CSV that look across rows, so that bad data fails loudly instead of shaping the statistics:
/// <list type="bullet">
/// <item>one row per trial: two rows with the same task, preset, rank (when the column is present) and seed are
/// rejected, naming both rows — with the first differing column when they disagree (the later row would silently win
/// and could manufacture a significant difference), and also when they are identical (a file concatenated twice or a
/// row pasted twice would otherwise count one seed twice; it is never counted once silently);</item>
/// <item>fractions (accuracy, f1, f1_macro) lie in [0, 1]: a column whose values all lie in [0, 100] is reported as
/// percentages to divide by 100 (units are never switched silently), any other value outside [0, 1] is named by row;</item>
/// <item>counts, bytes, durations, rates and losses are not negative.</item>
/// </list>
/// NaN and ±Infinity are outcomes (a diverged run), not range errors; the analysis reports them per group.
/// </summary>
public sealed class TrialsCsvChecks(string file, IReadOnlyList<string> header)
{
    private static readonly HashSet<string> NonNegative =
    [
        MetricNames.Perplexity, MetricNames.EvalLoss, MetricNames.TrainableParams, MetricNames.TotalParams, MetricNames.TrainablePercent,
        MetricNames.PeakMemoryBytes, MetricNames.TrainSeconds, MetricNames.Steps, MetricNames.SamplesPerSecond, MetricNames.TokensPerSecond, MetricNames.PerplexityBefore, MetricNames.StepsTo95,
        MetricNames.PredictedPeakMemoryBytes, MetricNames.PeakDeviceMemoryBytes,
    ];

    private readonly Dictionary<(string Task, string Preset, int? Rank, int Seed), (int Row, int Line, List<string> Fields)> _seen = new();
    private readonly Dictionary<int, FractionColumn> _fractions = new();

    private sealed class FractionColumn
    {
        public int Row, Line;
        public double Value;
        public bool AllWithinPercent = true;
        public bool Outside;
    }

    /// <summary>Rejects a second row for the same trial.</summary>
    public void Trial(string task, string preset, int? rank, int seed, int row, int line, List<string> fields)
    {
        var key = (task, preset, rank, seed);
        if (_seen.TryAdd(key, (row, line, fields))) return;
        var first = _seen[key];
        var trial = $"task '{task}', preset '{preset}'{(rank is { } r ? $", rank {r}" : "")}, seed {seed}";
        var both = $"rows {first.Row} and {row} (lines {first.Line} and {line})";
        for (var i = 0; i < header.Count && i < fields.Count; i++)
        {
            var (a, b) = (first.Fields[i].Trim(), fields[i].Trim());
            if (a != b)
                throw new AnalysisInputException($"{file}: {both} are the same trial ({trial}) with different values in column '{header[i]}' " +
                    $"('{Short(a)}' vs '{Short(b)}'); keep one row per trial");
        }
        throw new AnalysisInputException($"{file}: {both} are the same trial ({trial}) repeated exactly; each trial must appear once " +
            "(was the file appended twice?) — remove the repeated row");
    }

    /// <summary>Checks the range of one metric cell; fractions are judged per column at <see cref="Finish"/>.</summary>
    public void Metric(string metric, int column, double value, int row, int line)
    {
        if (!double.IsFinite(value)) return;
        if (MetricNames.IsFraction(metric))
        {
            if (!_fractions.TryGetValue(column, out var f)) _fractions[column] = f = new FractionColumn();
            if (value is < 0 or > 100) f.AllWithinPercent = false;
            if (value is < 0 or > 1 && !f.Outside) (f.Outside, f.Row, f.Line, f.Value) = (true, row, line, value);
        }
        else if (value < 0 && NonNegative.Contains(metric))
            throw new AnalysisInputException($"{file}: row {row} (line {line}), column '{header[column]}': {G(value)} is negative; {metric} cannot be");
    }

    /// <summary>Raises the first fraction column with a value outside [0, 1].</summary>
    public void Finish()
    {
        foreach (var (column, f) in _fractions.OrderBy(kv => kv.Key))
        {
            if (!f.Outside) continue;
            var name = header[column];
            if (f.AllWithinPercent)
                throw new AnalysisInputException($"{file}: column '{name}' looks like percentages (row {f.Row} (line {f.Line}) has {G(f.Value)}, every value lies in [0, 100]); " +
                    $"sweep analyze reads {name} as a fraction in [0, 1] and does not convert units: divide the column by 100");
            throw new AnalysisInputException($"{file}: row {f.Row} (line {f.Line}), column '{name}': {G(f.Value)} is outside [0, 1] ({name} is a fraction)");
        }
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
