using Sweep.Analysis.Statistics;
using Sweep.Settings;

namespace Sweep.Analysis.Study;

/// <summary>
/// Every preset against the baseline, per task and metric, then Holm–Bonferroni within each family
/// (task, metric, test): the presets (and, for per-example tests, the seeds) compared on that metric. Metrics that do not
/// vary over seeds (<see cref="ResultTable.IsDeterministic"/>) are reported in the groups, not tested.
/// </summary>
public static class Comparisons
{
    public static List<Comparison> Build(ResultTable table, AnalysisOptions options)
    {
        var list = new List<Comparison>();
        foreach (var task in table.Tasks)
        {
            var presets = table.PresetsOf(task).Where(p => p != options.Baseline).ToList();
            var metrics = table.MetricsOf(task).Where(m => MetricNames.Compared.Contains(m) && !table.IsDeterministic(task, m)).ToList();
            foreach (var metric in metrics)
                foreach (var b in presets)
                    list.AddRange(SeedComparisons.Build(table, task, metric, options.Baseline, b, options));
            foreach (var b in presets)
                list.AddRange(PredictionComparisons.Build(table, task, options.Baseline, b, options));
        }
        return AdjustHolm(list).Select(c => Orient(c, options.Alpha)).ToList();
    }

    /// <summary>Carries the metric's direction into the row and names the preset the test finds better.</summary>
    public static Comparison Orient(Comparison c, double alpha)
    {
        var sign = MetricDirections.Sign(c.Metric);
        var direction = MetricDirections.Of(c.Metric) switch
        {
            MetricDirection.HigherIsBetter => "higher_is_better",
            MetricDirection.LowerIsBetter => "lower_is_better",
            _ => "none",
        };
        // a side only where a p-value decides (ASO's ε_min has none; its note says how to read it)
        var toward = (c.Diff ?? 0) * sign;
        string? better = sign == 0 || c.PHolm is not { } p || p >= alpha || toward == 0 ? null : toward > 0 ? c.B : c.A;
        return c with { Direction = direction, Better = better };
    }

    public static List<Comparison> AdjustHolm(List<Comparison> list)
    {
        var result = list.ToArray();
        foreach (var family in Enumerable.Range(0, list.Count).GroupBy(i => (list[i].Task, list[i].Metric, list[i].Test)))
        {
            var idx = family.ToArray();
            var adjusted = HolmBonferroni.Adjust(idx.Select(i => list[i].P ?? double.NaN).ToArray());
            for (var k = 0; k < idx.Length; k++)
                result[idx[k]] = list[idx[k]] with { PHolm = SeedComparisons.Num(adjusted[k]) };
        }
        return result.ToList();
    }
}
