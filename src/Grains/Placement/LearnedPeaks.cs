using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Placement;

/// <summary>
/// The cluster's measured peaks per trial recipe (<see cref="IMeasuredPeakGrain"/>): how a silo publishes what a trial
/// measured and reads what trials of a recipe measured anywhere, and how an experiment reads them for its trials. A
/// read that fails is not an error: the need is then what this silo measured, or the prediction.
/// </summary>
public static class LearnedPeaks
{
    /// <summary>The grain key of <paramref name="recipe"/>: a hash, so that any recipe text (model paths, separators) is
    /// a key every storage accepts.</summary>
    public static string KeyOf(string recipe) =>
        "peak-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..32];

    public static IMeasuredPeakGrain Of(IGrainFactory grains, string recipe) => grains.GetGrain<IMeasuredPeakGrain>(KeyOf(recipe));

    /// <summary>The largest peak recorded for <paramref name="recipe"/>; null when none was, or the read failed within
    /// <see cref="ReadWait"/>.</summary>
    public static async Task<MeasuredPeak?> Read(IGrainFactory grains, string recipe)
    {
        try { return await Of(grains, recipe).Get().WaitAsync(ReadWait); }
        catch (Exception) { return null; }
    }

    /// <summary>The peaks recorded for the recipes of <paramref name="plans"/> (one read per task, preset and rank), by recipe key.</summary>
    public static async Task<IReadOnlyDictionary<string, MeasuredPeak>> ForPlans(IGrainFactory grains, SweepSpec spec, IEnumerable<TrialPlan> plans)
    {
        var recipes = plans.DistinctBy(p => (p.Task, p.Preset, p.Rank)).Select(p => MemoryNeeds.RecipeOf(spec, p)).OfType<string>().Distinct().ToList();
        var peaks = await Task.WhenAll(recipes.Select(r => Read(grains, r)));
        return recipes.Zip(peaks).Where(x => x.Second is not null).ToDictionary(x => x.First, x => x.Second!, StringComparer.Ordinal);
    }

    /// <summary>Records a trial's measured peak for <paramref name="recipe"/> across the cluster; a failure is logged (the
    /// silo that measured it keeps it anyway).</summary>
    public static async Task Publish(IGrainFactory grains, string recipe, MeasuredPeak peak, ILogger logger)
    {
        try { await Of(grains, recipe).Record(recipe, peak).WaitAsync(ReadWait); }
        catch (Exception e) { logger.LogWarning("trial {Trial}: its measured peak was not recorded for the cluster ({Error})", peak.TrialId, e.Message); }
    }

    /// <summary>How often at most a silo asks the cluster for one recipe's peak (its own measurements it knows at once).</summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(30);

    /// <summary>How long a read may take before the need falls back to what is known without it.</summary>
    public static readonly TimeSpan ReadWait = TimeSpan.FromSeconds(10);
}
