using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// How many trials a spec expands to, computed by multiplying the list sizes (tasks × Σ over presets of the ranks a
/// preset sweeps × seeds) so a spec of millions of trials is measured without building its plans; and the limits on it.
/// </summary>
public static class SweepSize
{
    /// <summary>Above this many trials <c>validate</c>, <c>run</c> and <c>submit</c> warn with the count and an estimated wall time.</summary>
    public const long WarnAbove = 5_000;

    /// <summary>The default limit: larger sweeps are refused unless <c>--max-trials</c> raises it.</summary>
    public const long DefaultLimit = 100_000;

    /// <summary>The most trials one experiment may hold whatever the option says (its bookkeeping lives in one grain).</summary>
    public const long HardLimit = 1_000_000;

    /// <summary>The time one trial is assumed to take when estimating a sweep's wall time (a small model, a few hundred steps).</summary>
    public static readonly TimeSpan AssumedTrialTime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The number of trials <see cref="SpecExpander.Expand"/> would give, without expanding; with seeds on demand the
    /// most the sweep can run (every preset to <c>seeds.max</c>).
    /// </summary>
    public static long Count(SweepSpec spec)
    {
        long perTask = 0;
        foreach (var preset in spec.Presets) perTask += Presets.IsAdaLora(preset) ? 1 : spec.Ranks.Count;
        return checked(spec.Tasks.Count * perTask * spec.Seeds.Count);
    }

    /// <summary>Trials of the first look of seeds on demand (all of them without a seed plan).</summary>
    public static long FirstLook(SweepSpec spec) =>
        spec.SeedPlan is { } plan && spec.Seeds.Count > 0 ? Count(spec) / spec.Seeds.Count * FirstLookSeeds(spec) : Count(spec);

    /// <summary>Seeds of the first look: <c>seeds.start</c>, or <c>seeds.max</c> when <c>analysis.sequential</c> is none.</summary>
    public static int FirstLookSeeds(SweepSpec spec) =>
        spec.SeedPlan is not { } plan ? spec.Seeds.Count : spec.Analysis.Sequential == SequentialMethods.None ? plan.Max : plan.Start;

    /// <summary>Seed counts at which seeds on demand looks (one look at <c>seeds.max</c> when <c>analysis.sequential</c> is none).</summary>
    public static IReadOnlyList<int> LookSeeds(SweepSpec spec) =>
        spec.SeedPlan is not { } plan ? [spec.Seeds.Count] : spec.Analysis.Sequential == SequentialMethods.None ? [plan.Max] : plan.Looks();

    /// <summary>Wall time of <paramref name="trials"/> trials of <paramref name="perTrial"/> each, <paramref name="concurrency"/> at a time.</summary>
    public static TimeSpan EstimateWallTime(long trials, TimeSpan perTrial, int concurrency) =>
        TimeSpan.FromSeconds(Math.Ceiling((double)trials / Math.Max(1, concurrency)) * perTrial.TotalSeconds);

    /// <summary>Why a sweep of <paramref name="trials"/> is refused under <paramref name="limit"/>, or null when it is allowed.</summary>
    public static string? Refusal(long trials, long limit)
    {
        if (trials <= Math.Min(limit, HardLimit)) return null;
        return limit < HardLimit
            ? $"the sweep expands to {trials:N0} trials, over the limit of {limit:N0}; reduce tasks × presets × ranks × seeds, " +
              $"or raise the limit with --max-trials N (at most {HardLimit:N0})"
            : $"the sweep expands to {trials:N0} trials, over the most one experiment can hold ({HardLimit:N0}); split it into several specs";
    }
}
