using System.Collections.Concurrent;
using System.Globalization;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// The largest peak memory measured on this silo per trial recipe: what shapes memory (model, task kind, data, preset,
/// rank, batch, max_length, lora_dropout, adapter targets and ranks, device, threads) without the seed or the sweep. A
/// trial's need is the larger of its predicted peak and what a trial of the same recipe measured here, so the silo's
/// budget learns what the prediction leaves out (freed memory the allocator keeps, activations the count misses)
/// from the first trial of each recipe on (from its first progress message: a running trial process reports its peak
/// so far, <see cref="TrialRun.Report"/>); peaks measured elsewhere in the cluster are learned too
/// (<see cref="Placement.LearnedPeaks"/>). Only peaks that are a trial's alone are recorded (its own process); on a
/// GPU the device peak, on a CPU the resident set; MPS measures none.
/// </summary>
public sealed class MeasuredPeaks
{
    private readonly ConcurrentDictionary<string, long> _peaks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _asked = new(StringComparer.Ordinal);

    /// <summary>Recipes with a measured peak.</summary>
    public int Count => _peaks.Count;

    /// <summary>The larger of <paramref name="predicted"/> and the largest peak measured here for <paramref name="recipe"/>
    /// (<see cref="RecipeKey"/>).</summary>
    public long NeedOf(string recipe, long predicted) =>
        _peaks.TryGetValue(recipe, out var measured) ? Math.Max(predicted, measured) : predicted;

    public long NeedOf(TrialSpec spec, long predicted) => NeedOf(RecipeKey(spec), predicted);

    /// <summary>Keeps the peak of a finished trial of <paramref name="recipe"/> on <paramref name="device"/> (the largest
    /// per recipe). Nothing when the device measured none.</summary>
    public void Record(string recipe, string device, TrialMetrics metrics)
    {
        if (PeakOnDevice(device, metrics) is > 0 and var peak) _peaks.AddOrUpdate(recipe, peak, (_, v) => Math.Max(v, peak));
    }

    public void Record(TrialSpec spec, TrialMetrics metrics) => Record(RecipeKey(spec), spec.Device, metrics);

    /// <summary>Whether to ask the cluster for <paramref name="recipe"/>'s peak now: the first time, then at most once per
    /// <paramref name="every"/> (so that a silo starting thousands of short trials asks a handful of times). A true
    /// answer counts as asking.</summary>
    public bool DueForClusterRead(string recipe, DateTimeOffset now, TimeSpan every)
    {
        var due = false;
        _asked.AddOrUpdate(recipe, _ => { due = true; return now; }, (_, last) => (due = now - last >= every) ? now : last);
        return due;
    }

    /// <summary>Takes in a peak of <paramref name="recipe"/> measured elsewhere (another silo, an earlier run) as if
    /// measured here: kept when larger than the one held.</summary>
    public void Learn(string recipe, long peak)
    {
        if (peak > 0) _peaks.AddOrUpdate(recipe, peak, (_, v) => Math.Max(v, peak));
    }

    /// <summary>The peak that counts against the budget of a silo of this device: device memory on a GPU, the process's
    /// resident set on a CPU, none on MPS (not measured).</summary>
    public static long? PeakOnDevice(string device, TrialMetrics metrics) =>
        PeakOnDevice(device, metrics.PeakMemoryBytes, metrics.PeakDeviceMemoryBytes);

    /// <summary>As <see cref="PeakOnDevice(string, TrialMetrics)"/>, from a resident-set and a device-memory reading.</summary>
    public static long? PeakOnDevice(string device, long? resident, long? deviceMemory)
    {
        if (device.StartsWith("cuda", StringComparison.Ordinal)) return deviceMemory;
        return device.StartsWith("mps", StringComparison.Ordinal) ? null : resident;
    }

    public static string RecipeKey(TrialSpec s)
    {
        var a = s.Adapter;
        return string.Join('|',
            s.Model, s.Kind, s.Data, s.Preset, s.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-",
            s.Training.BatchSize.ToString(CultureInfo.InvariantCulture), s.Training.MaxLength.ToString(CultureInfo.InvariantCulture),
            s.Training.LoraDropout.ToString("R", CultureInfo.InvariantCulture), string.Join(',', a.Targets),
            a.AdaInitRank?.ToString(CultureInfo.InvariantCulture) ?? "-", a.MatchedBudget ? "matched" : "-",
            s.Device, s.Threads?.ToString(CultureInfo.InvariantCulture) ?? "-");
    }
}
