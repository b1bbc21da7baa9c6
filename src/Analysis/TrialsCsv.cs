using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Analysis.Io;
using Sweep.Settings;

namespace Sweep.Analysis;

/// <summary>
/// Reads and writes <c>trials.csv</c> (see docs/results.md): one row per trial, required columns
/// <c>task, preset, seed, state</c> and at least one metric column (<see cref="MetricNames.All"/>, also
/// accepted as <c>metrics.NAME</c> / <c>metrics_NAME</c>). Optional: <c>method, rank</c>, and JSON cells
/// <c>rank_pattern</c> ({module: rank}), <c>loss_curve</c> ([[step, loss], …]), <c>predictions</c>, <c>labels</c>
/// (also as <c>eval_predictions</c>, <c>eval_labels</c>).
/// Empty metric cells mean "not measured"; NaN/Infinity are kept as outcomes. Other columns are ignored.
/// The state must be one of <see cref="KnownStates"/>; one row per trial, fractions in [0, 1] and non-negative counts
/// (<see cref="TrialsCsvChecks"/>). Every problem is an <see cref="AnalysisInputException"/> naming the file, row and column.
/// </summary>
public static class TrialsCsv
{
    private static readonly string[] Required = ["task", "preset", "seed", "state"];
    private static readonly JsonSerializerOptions JsonCells = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    public static readonly IReadOnlyList<string> KnownStates = Enum.GetNames<TrialState>();

    public static IReadOnlyList<TrialRecord> Read(string path)
    {
        if (Directory.Exists(path)) throw new AnalysisInputException($"{path}: is a directory; expected a trials CSV file (e.g. DIR/trials.csv)");
        if (!File.Exists(path)) throw new AnalysisInputException($"{path}: no such file");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AnalysisInputException($"{path}: cannot read the file ({e.Message})");
        }
        return Parse(text, path);
    }

    /// <summary>Parses CSV text; <paramref name="file"/> names the source in error messages.</summary>
    public static IReadOnlyList<TrialRecord> Parse(string text, string file)
    {
        var rows = CsvText.Parse(text, file);
        if (rows.Count == 0) throw new AnalysisInputException($"{file}: the file is empty (expected a header row with {string.Join(", ", Required)} and metric columns)");
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var column = new Dictionary<string, int>();
        var metricColumns = new List<(string Metric, int Index)>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.Length == 0) continue;
            if (!column.TryAdd(name, i)) throw new AnalysisInputException($"{file}: column '{name}' appears twice in the header");
            var metric = name.StartsWith("metrics.", StringComparison.Ordinal) || name.StartsWith("metrics_", StringComparison.Ordinal) ? name[8..] : name;
            if (MetricNames.All.Contains(metric) || name.StartsWith("metrics.", StringComparison.Ordinal)) metricColumns.Add((metric, i));
        }
        var missing = Required.Where(r => !column.ContainsKey(r)).ToList();
        if (missing.Count > 0 && header.Count == 1 && new[] { ';', '\t', '|' }.FirstOrDefault(header[0].Contains) is var sep and not '\0')
            throw new AnalysisInputException($"{file}: the header is a single column '{header[0]}': fields must be separated by commas " +
                $"(this file looks {(sep == '\t' ? "tab" : $"'{sep}'")}-separated)");
        if (missing.Count > 0)
            throw new AnalysisInputException($"{file}: missing required column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} (header has: {string.Join(", ", header)})");
        if (metricColumns.Count == 0)
            throw new AnalysisInputException($"{file}: no metric column (expected one or more of {string.Join(", ", MetricNames.All)})");
        if (rows.Count == 1) throw new AnalysisInputException($"{file}: no trial rows after the header");

        var trials = new List<TrialRecord>(rows.Count - 1);
        var checks = new TrialsCsvChecks(file, header);
        for (var r = 1; r < rows.Count; r++)
        {
            var (line, f) = rows[r];
            var where = $"{file}: row {r} (line {line})";
            if (f.Count != header.Count)
                throw new AnalysisInputException($"{where}: has {f.Count} fields, the header has {header.Count}");
            string Cell(string name) => column.TryGetValue(name, out var i) ? f[i].Trim() : "";
            foreach (var req in Required)
                if (Cell(req).Length == 0) throw new AnalysisInputException($"{where}, column '{req}': value is empty");
            if (!int.TryParse(Cell("seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                throw new AnalysisInputException($"{where}, column 'seed': '{Cell("seed")}' is not an integer");
            int? rank = null;
            if (Cell("rank").Length > 0)
                rank = int.TryParse(Cell("rank"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rk) ? rk
                    : throw new AnalysisInputException($"{where}, column 'rank': '{Cell("rank")}' is not an integer");
            var state = KnownStates.FirstOrDefault(s => s.Equals(Cell("state"), StringComparison.OrdinalIgnoreCase))
                ?? throw new AnalysisInputException($"{where}, column 'state': unknown state '{Cell("state")}' (known: {string.Join(", ", KnownStates)})");
            checks.Trial(Cell("task"), Cell("preset"), rank, seed, r, line, f);
            var metrics = new Dictionary<string, double>();
            foreach (var (metric, index) in metricColumns)
            {
                var v = f[index].Trim();
                if (v.Length == 0) continue;
                var value = ParseNumber(v) ?? throw new AnalysisInputException($"{where}, column '{header[index]}': '{v}' is not a number");
                if (!metrics.TryAdd(metric, value))
                    throw new AnalysisInputException($"{where}: metric '{metric}' is given twice (columns '{metric}' and 'metrics.{metric}' or 'metrics_{metric}')");
                checks.Metric(metric, index, value, r, line);
            }
            trials.Add(new TrialRecord(Cell("task"), Cell("preset"), seed, state, metrics, Cell("method"), rank,
                Json<int[]>(FirstOf(Cell, "predictions", "eval_predictions"), where, "predictions"),
                Json<int[]>(FirstOf(Cell, "labels", "eval_labels"), where, "labels"),
                Json<double[][]>(Cell("loss_curve"), where, "loss_curve"),
                Json<Dictionary<string, int>>(Cell("rank_pattern"), where, "rank_pattern"),
                Cell("base_dtype"), Cell("compute_dtype")));
        }
        checks.Finish();
        return trials;
    }

    /// <summary>The first non-empty cell among alias column names (TrialResult calls them eval_predictions / eval_labels).</summary>
    private static string FirstOf(Func<string, string> cell, params string[] names) =>
        names.Select(cell).FirstOrDefault(v => v.Length > 0) ?? "";

    private static double? ParseNumber(string v)
    {
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return v.ToLowerInvariant() switch
        {
            "nan" => double.NaN,
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => null,
        };
    }

    private static T? Json<T>(string cell, string where, string columnName) where T : class
    {
        if (cell.Length == 0) return null;
        try { return JsonSerializer.Deserialize<T>(cell, JsonCells); }
        catch (JsonException e)
        {
            throw new AnalysisInputException($"{where}, column '{columnName}': not valid JSON of the expected shape ({e.Message})");
        }
    }

    public static void Write(IReadOnlyList<TrialRecord> trials, string path)
    {
        var metrics = trials.SelectMany(t => t.Metrics.Keys).Distinct()
            .OrderBy(MetricNames.Order).ThenBy(m => m, StringComparer.Ordinal).ToList();
        bool hasPattern = trials.Any(t => t.RankPattern is not null), hasCurve = trials.Any(t => t.LossCurve is not null),
            hasPred = trials.Any(t => t.Predictions is not null), hasLabels = trials.Any(t => t.Labels is not null);
        var header = new List<string> { "task", "preset", "method", "rank", "seed", "state" };
        header.AddRange(metrics);
        if (hasPattern) header.Add("rank_pattern");
        if (hasCurve) header.Add("loss_curve");
        if (hasPred) header.Add("predictions");
        if (hasLabels) header.Add("labels");
        var sb = new StringBuilder();
        sb.Append(CsvText.Row(header)).Append("\r\n");
        foreach (var t in trials)
        {
            var row = new List<string>
            {
                t.Task, t.Preset, t.Method, t.Rank?.ToString(CultureInfo.InvariantCulture) ?? "",
                t.Seed.ToString(CultureInfo.InvariantCulture), t.State,
            };
            row.AddRange(metrics.Select(m => t.Metrics.TryGetValue(m, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
            if (hasPattern) row.Add(t.RankPattern is null ? "" : JsonSerializer.Serialize(t.RankPattern, JsonCells));
            if (hasCurve) row.Add(t.LossCurve is null ? "" : JsonSerializer.Serialize(t.LossCurve, JsonCells));
            if (hasPred) row.Add(t.Predictions is null ? "" : JsonSerializer.Serialize(t.Predictions, JsonCells));
            if (hasLabels) row.Add(t.Labels is null ? "" : JsonSerializer.Serialize(t.Labels, JsonCells));
            sb.Append(CsvText.Row(row)).Append("\r\n");
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, sb.ToString());
    }
}
