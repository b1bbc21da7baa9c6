using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Dashboard.Feeds;

/// <summary>One row of the live trial table.</summary>
public sealed record TrialRow(
    string Id, string State, string Silo, string Accelerator, int? Step, int? TotalSteps, double? Loss,
    double? SamplesPerSecond, int Attempts, string? Error);

/// <summary>
/// What every browser watching an experiment is sent: its state, counts per trial state, progress and ETA, and the trial
/// table. Built once per change for all of them (<see cref="ExperimentFeed"/>). A large sweep's status lists only its
/// running and unsuccessful trials; <see cref="Abridged"/> says so.
/// </summary>
public sealed record ExperimentSnapshot(
    string Id, string Name, string State, bool Finished, int Total, int Done,
    IReadOnlyDictionary<string, int> Counts, double? EtaSeconds, bool Abridged, IReadOnlyList<TrialRow> Trials)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExperimentSnapshot From(ExperimentStatus status, IReadOnlyList<WorkerInfo> workers, DateTimeOffset now)
    {
        var accelerators = workers.ToDictionary(w => w.Silo, w => w.Accelerator, StringComparer.Ordinal);
        var counts = Enum.GetValues<TrialState>().Where(s => status.Count(s) > 0).ToDictionary(s => s.ToString(), status.Count);
        var rows = status.Trials.Select(t => new TrialRow(
            t.Id, t.State.ToString(), t.Silo, accelerators.GetValueOrDefault(t.Silo, ""),
            t.Progress?.Step, t.Progress?.TotalSteps, Finite(t.Progress?.Loss), Finite(t.Progress?.SamplesPerSecond),
            t.Attempts, t.Error)).ToList();
        var eta = status.IsFinished ? 0 : Eta.Estimate(status.SubmittedAt, now, status.Finished, status.Total)?.TotalSeconds;
        return new(status.Id, status.Name, status.State.ToString(), status.IsFinished, status.Total, status.Finished, counts, eta, status.IsAbridged, rows);
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
