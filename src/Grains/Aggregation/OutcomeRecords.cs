using Sweep.Analysis;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Aggregation;

/// <summary>Trial outcomes as the analysis library's <see cref="TrialRecord"/>s.</summary>
public static class OutcomeRecords
{
    public static TrialRecord ToRecord(TrialOutcome o) => new(
        o.Task, o.Preset, o.Seed, o.State.ToString(), o.Metrics, o.Method, o.Rank,
        o.EvalPredictions.Count > 0 ? o.EvalPredictions : null, o.EvalLabels.Count > 0 ? o.EvalLabels : null,
        o.LossCurve, o.RankPattern, o.BaseDtype, o.ComputeDtype);

    public static IReadOnlyList<TrialRecord> ToRecords(IEnumerable<TrialOutcome> outcomes) => outcomes.Select(ToRecord).ToList();
}
