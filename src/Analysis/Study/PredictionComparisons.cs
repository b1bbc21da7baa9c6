using Sweep.Analysis.Statistics;
using Sweep.Settings;

namespace Sweep.Analysis.Study;

/// <summary>
/// Per-example tests of B against the baseline A within one seed, when both trials carry predictions on
/// the same labelled items: exact McNemar on accuracy (odds ratio = #(B right, A wrong) / #(A right, B wrong))
/// and the paired bootstrap of accuracy and F1 (percentile 95% CI of metric(B) − metric(A)).
/// McNemar (linear in the items) runs on every seed; the bootstrap (replicates × items per seed) on the first
/// <see cref="MaxBootstrapSeeds"/> seeds only, so thousands of seeds do not cost thousands of bootstraps — across many
/// seeds the seed-level tests answer the same question, and each bootstrap row names its seed.
/// </summary>
public static class PredictionComparisons
{
    public const int MaxBootstrapSeeds = 20;

    public static IEnumerable<Comparison> Build(ResultTable table, string task, string a, string b, AnalysisOptions options)
    {
        var seeds = table.Completed.Where(t => t.Task == task && t.Preset == a).Select(t => t.Seed).Distinct().Order();
        var compared = 0;
        foreach (var seed in seeds)
        {
            var ta = table.Trial(task, a, seed);
            var tb = table.Trial(task, b, seed);
            if (ta?.Predictions is not { } pa || tb?.Predictions is not { } pb || ta.Labels is not { } labels) continue;
            if (pa.Count != labels.Count || pb.Count != labels.Count || tb.Labels is null || !tb.Labels.SequenceEqual(labels)) continue;

            var (bRight, aRight) = McNemarTest.Discordant(pb, pa, labels);
            var mc = McNemarTest.Exact(bRight, aRight);
            var accDiff = ClassificationScores.Accuracy(pb, labels) - ClassificationScores.Accuracy(pa, labels);
            yield return new Comparison(task, MetricNames.Accuracy, a, b, "mcnemar_exact", labels.Count, mc.Statistic, mc.P, null,
                "odds_ratio", SeedComparisons.Num(EffectSizes.McNemarOddsRatio(bRight, aRight)), accDiff, null, null,
                $"discordant: {bRight} items only {b} got right, {aRight} only {a}; statistic = min of the two", seed);

            if (++compared > MaxBootstrapSeeds) continue;
            foreach (var (metric, kind) in new[] { (MetricNames.Accuracy, BootstrapMetric.Accuracy), (MetricNames.F1, BootstrapMetric.F1) })
            {
                var r = PairedBootstrap.Run(pa, pb, labels, kind, options.BootstrapIterations, options.Seed + seed);
                yield return new Comparison(task, metric, a, b, "bootstrap", labels.Count, r.Diff, r.P, null, "diff", r.Diff,
                    r.Diff, r.CiLow, r.CiHigh, $"paired bootstrap over items, {r.Iterations} replicates, percentile CI", seed);
            }
        }
    }
}
