using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// One trial of an expanded sweep: which task, preset, rank and seed, with a deterministic id
/// (<c>task/preset/r8/s1</c>; AdaLoRA presets <c>task/preset/ada/s1</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrialPlan
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Task { get; init; }
    [Id(2)] public required string Preset { get; init; }
    /// <summary>Swept rank for fixed-rank presets; null for AdaLoRA presets.</summary>
    [Id(3)] public int? Rank { get; init; }
    [Id(4)] public required int Seed { get; init; }
    [Id(5)] public PlacementSpec Placement { get; init; } = new();

    public static string MakeId(string task, string preset, int? rank, int seed) =>
        rank is { } r ? $"{task}/{preset}/r{r}/s{seed}" : $"{task}/{preset}/ada/s{seed}";
}

/// <summary>Expands a spec into its trials: tasks × presets × ranks (fixed-rank presets only) × seeds, in that order.</summary>
public static class SpecExpander
{
    public static IReadOnlyList<TrialPlan> Expand(SweepSpec spec) => Expand(spec, spec.Seeds);

    /// <summary>
    /// The trials of <paramref name="seeds"/> only, and of the (task, preset) pairs <paramref name="include"/> admits
    /// (all when null): one look of seeds on demand.
    /// </summary>
    public static IReadOnlyList<TrialPlan> Expand(SweepSpec spec, IEnumerable<int> seeds, Func<string, string, bool>? include = null)
    {
        var trials = new List<TrialPlan>();
        var seedList = seeds.ToList();
        foreach (var task in spec.Tasks)
            foreach (var preset in spec.Presets)
            {
                if (include is not null && !include(task.Name, preset)) continue;
                IReadOnlyList<int?> ranks = Presets.IsAdaLora(preset) ? [null] : spec.Ranks.Select(r => (int?)r).ToList();
                foreach (var rank in ranks)
                    foreach (var seed in seedList)
                        trials.Add(new TrialPlan
                        {
                            Id = TrialPlan.MakeId(task.Name, preset, rank, seed),
                            Task = task.Name, Preset = preset, Rank = rank, Seed = seed, Placement = spec.Placement,
                        });
            }
        return trials;
    }
}
