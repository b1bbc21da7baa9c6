using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.ResultFiles;

/// <summary>
/// <c>trials.csv</c>: one row per trial, the results.json trial fields flat (metrics as columns), readable by <c>sweep analyze</c>.
/// Beyond the analysis library's <c>TrialsCsv.Write</c> columns it keeps id, attempts, resumed_from_step, silo, device, dtypes, allocator and error;
/// <c>TrialsCsv.Read</c> (and so <c>sweep analyze</c>) reads it back.
/// </summary>
public static class TrialsCsvFile
{
    private static readonly IReadOnlyList<string> MetricColumns = [.. MetricNames.Reported, MetricNames.PredictedPeakMemoryBytes, MetricNames.PeakDeviceMemoryBytes];

    public static void Write(IReadOnlyList<TrialOutcome> trials, string path)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', ["id", "task", "preset", "method", "rank", "seed", "state", "attempts", "resumed_from_step", "silo", "device", "base_dtype", "compute_dtype", "allocator", .. MetricColumns, "rank_pattern", "loss_curve", "predictions", "labels", "error"]));
        foreach (var t in trials)
        {
            var cells = new List<string>
            {
                t.Id, t.Task, t.Preset, t.Method, t.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", t.Seed.ToString(CultureInfo.InvariantCulture),
                t.State.ToString(), t.Attempts.ToString(CultureInfo.InvariantCulture),
                t.ResumedFromStep?.ToString(CultureInfo.InvariantCulture) ?? "", t.Silo, t.Device, t.BaseDtype, t.ComputeDtype, t.Allocator,
            };
            cells.AddRange(MetricColumns.Select(m => t.Metrics.TryGetValue(m, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
            cells.Add(t.RankPattern is null ? "" : JsonSerializer.Serialize(t.RankPattern));
            cells.Add(t.LossCurve.Count == 0 ? "" : JsonSerializer.Serialize(t.LossCurve));
            cells.Add(t.EvalPredictions.Count == 0 ? "" : JsonSerializer.Serialize(t.EvalPredictions));
            cells.Add(t.EvalLabels.Count == 0 ? "" : JsonSerializer.Serialize(t.EvalLabels));
            cells.Add(t.Error ?? "");
            sb.AppendLine(string.Join(',', cells.Select(Quote)));
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
