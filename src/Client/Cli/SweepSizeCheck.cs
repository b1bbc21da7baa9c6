using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Training;

namespace Sweep.Client.Cli;

/// <summary>
/// The size check <c>validate</c>, <c>run</c> and <c>submit</c> share: refuses (bad input) a sweep over the limit, naming
/// the count, the limit and how to raise it; warns above <see cref="SweepSize.WarnAbove"/> with the count and an estimated
/// wall time. Counts by multiplying the list sizes, so a huge spec is refused at once.
/// </summary>
public static class SweepSizeCheck
{
    /// <returns>the number of trials.</returns>
    public static long Apply(string path, SweepSpec spec, long? maxTrials, TextWriter warnings, bool simulated = false)
    {
        var limit = maxTrials ?? SweepSize.DefaultLimit;
        if (limit < 1 || limit > SweepSize.HardLimit)
            throw new InvalidInputException($"--max-trials: {limit} is outside 1..{SweepSize.HardLimit:N0}");
        var trials = SweepSize.Count(spec);
        if (SweepSize.Refusal(trials, limit) is { } refusal) throw new InvalidInputException($"{path}: {refusal}");
        if (trials > SweepSize.WarnAbove) warnings.WriteLine($"warning: {path}: {Describe(spec, trials, simulated)}");
        return trials;
    }

    private static string Describe(SweepSpec spec, long trials, bool simulated)
    {
        var basis = simulated
            ? "this estimate is for real training: simulated trials take about max_steps × the simulated step time each"
            : "the time per trial depends on the model, the data and the hardware: time one with 'sweep train' to refine it";
        var wall = SweepSize.EstimateWallTime(trials, SweepSize.AssumedTrialTime, spec.Concurrency);
        return $"{trials:N0} trials (more than {SweepSize.WarnAbove:N0}); at an assumed {SweepSize.AssumedTrialTime.TotalSeconds:0} s per trial " +
            $"and concurrency {spec.Concurrency} they take about {Format(wall)} ({basis})";
    }

    private static string Format(TimeSpan t) =>
        t.TotalDays >= 2 ? $"{t.TotalDays:0.#} days" : t.TotalHours >= 2 ? $"{t.TotalHours:0.#} hours" : $"{t.TotalMinutes:0} minutes";
}
