using Sweep.Grains.Experiments;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Telemetry;

/// <summary>Progress of one preset of one task: the trials of it running now.</summary>
public sealed record PresetProgress(string Task, string Preset, double MeanLoss, double SamplesPerSecond);

/// <summary>
/// What an experiment grain publishes to the metrics, copied from its book so that the exporter reads it on its own
/// thread: trials per (accelerator asked for, state), the pending trials ready to start now per accelerator (those the
/// sweep's concurrency lets start: <see cref="ExperimentBook.ReadyPerAccelerator"/>), and the running presets' progress.
/// Small whatever the sweep's size: at most 4 accelerators × 6 states, and one entry per running preset.
/// </summary>
public sealed record ExperimentSnapshot(
    IReadOnlyDictionary<(string Accelerator, TrialState State), int> Trials,
    IReadOnlyDictionary<string, int> Ready,
    IReadOnlyList<PresetProgress> Presets)
{
    public static ExperimentSnapshot Of(ExperimentBook book, int concurrency, IReadOnlyDictionary<string, TrialProgressInfo> progress)
    {
        var presets = progress.Values
            .Select(p => (Progress: p, Plan: book.Find(p.TrialId)?.Plan))
            .Where(x => x.Plan is not null)
            .GroupBy(x => (x.Plan!.Task, x.Plan.Preset))
            .Select(g => new PresetProgress(g.Key.Task, g.Key.Preset,
                g.Select(x => x.Progress.Loss).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
                g.Sum(x => double.IsFinite(x.Progress.SamplesPerSecond) ? x.Progress.SamplesPerSecond : 0)))
            .ToList();
        return new ExperimentSnapshot(
            new Dictionary<(string, TrialState), int>(book.PerAcceleratorState),
            book.ReadyPerAccelerator(concurrency),
            presets);
    }
}
