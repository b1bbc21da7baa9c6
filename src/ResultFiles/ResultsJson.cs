using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.ResultFiles;

/// <summary>
/// <c>results.json</c>: <c>{ experiment, spec, trials: [...], analysis: {...} }</c> in the one JSON convention
/// (<see cref="ContractJson"/>: snake_case, states and verdicts as the contract spells them, null for every missing
/// number). Every trial carries every contract metric (null where it does not apply, e.g. perplexity of a
/// classifier), then any further metric it measured. The fields are documented in docs/results.md and checked
/// against docs/results.schema.json.
/// </summary>
public static class ResultsJson
{
    /// <summary>The convention, also for other JSON the console prints (<c>status --json</c>).</summary>
    public static System.Text.Json.JsonSerializerOptions Options => ContractJson.Options;

    /// <summary>The contract's metric names, always present in a trial's <c>metrics</c> (null where a metric does not apply).</summary>
    public static readonly IReadOnlyList<string> ContractMetrics = MetricNames.Reported;

    public sealed record Experiment(string Id, string? Name, ExperimentState State);

    public sealed record Trial(
        string Id, string Task, string Preset, string Method, int? Rank, int Seed, TrialState State, int Attempts,
        string Silo, string Device, string BaseDtype, string ComputeDtype, string Allocator,
        IReadOnlyDictionary<string, double?> Metrics,
        IReadOnlyDictionary<string, int>? RankPattern, IReadOnlyList<double[]> LossCurve,
        IReadOnlyList<int> EvalPredictions, IReadOnlyList<int> EvalLabels,
        int? DivergedAtStep, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, string? Error, int? ResumedFromStep);

    /// <summary>A pretrained base the sweep's tasks adapted: its recipe hash, the tasks, whether this sweep pretrained it or
    /// found it in the artifact store, and its provenance.</summary>
    public sealed record Base(string Hash, IReadOnlyList<string> Tasks, BaseState State, bool Reused, BaseProvenance? Provenance, string? Error);

    public sealed record Document(Experiment Experiment, SweepSpec? Spec, IReadOnlyList<Trial> Trials, AnalysisReport? Analysis,
        SequentialJson.Report? Sequential, IReadOnlyList<Base> Bases);

    public static Document Build(ExperimentResults results, AnalysisReport? analysis) =>
        new(new Experiment(results.Id, results.Spec?.Name, results.State), results.Spec, results.Trials.Select(ToTrial).ToList(), analysis,
            Sequential(results), results.Bases.Select(b => new Base(b.Hash, b.Tasks, b.State, b.Reused, b.Provenance, b.Error)).ToList());

    /// <summary>Seeds on demand as the sweep ran it, with the trials each comparison saved; null for a plain seed list.</summary>
    public static SequentialJson.Report? Sequential(ExperimentResults results)
    {
        if (results.Sequential is not { } r || results.Spec is not { } spec) return null;
        return SequentialJson.Build(r, (_, preset) => Presets.IsAdaLora(preset) ? 1 : spec.Ranks.Count);
    }

    public static string Serialize(ExperimentResults results, AnalysisReport? analysis) => ContractJson.Serialize(Build(results, analysis));

    private static Trial ToTrial(TrialOutcome t) => new(
        t.Id, t.Task, t.Preset, t.Method, t.Rank, t.Seed, t.State, t.Attempts, t.Silo, t.Device, t.BaseDtype, t.ComputeDtype, t.Allocator,
        Metrics(t.Metrics), t.RankPattern, t.LossCurve, t.EvalPredictions, t.EvalLabels, t.DivergedAtStep, t.StartedAt, t.FinishedAt, t.Error, t.ResumedFromStep);

    private static Dictionary<string, double?> Metrics(IReadOnlyDictionary<string, double> metrics)
    {
        var o = new Dictionary<string, double?>(); // insertion order is the written order
        foreach (var name in ContractMetrics.Concat(metrics.Keys.Except(ContractMetrics).Order(StringComparer.Ordinal)))
            o[name] = metrics.TryGetValue(name, out var v) ? v : null;
        return o;
    }
}
