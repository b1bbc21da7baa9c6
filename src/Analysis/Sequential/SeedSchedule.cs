namespace Sweep.Analysis.Sequential;

/// <summary>
/// When a sweep looks at its comparisons: after <see cref="Start"/> seeds, then every <see cref="Step"/> more,
/// and always at <see cref="Max"/> (the last look may be a short step). Seeds pair up across presets, so the
/// number of seeds at a look is the number of paired differences n_k, and the information fraction is n_k/max.
/// </summary>
public sealed record SeedSchedule
{
    public int Start { get; }
    public int Step { get; }
    public int Max { get; }

    public SeedSchedule(int start, int step, int max)
    {
        // A paired t statistic needs two differences to have a spread.
        if (start < 2) throw new AnalysisInputException($"seeds.start must be at least 2 (a paired test needs two seeds), got {start}.");
        if (step < 1) throw new AnalysisInputException($"seeds.step must be at least 1, got {step}.");
        if (max < start) throw new AnalysisInputException($"seeds.max ({max}) must be at least seeds.start ({start}).");
        Start = start;
        Step = step;
        Max = max;
    }

    /// <summary>A single look at <paramref name="seeds"/>: the fixed-sample design.</summary>
    public static SeedSchedule Fixed(int seeds) => new(seeds, 1, seeds);

    /// <summary>Seed counts n_1 &lt; … &lt; n_K = Max at which the comparisons are tested.</summary>
    public IReadOnlyList<int> Looks
    {
        get
        {
            if (Start == Max) return [Max];
            var looks = new List<int>();
            for (var n = Start; n < Max; n += Step) looks.Add(n);
            looks.Add(Max);
            return looks;
        }
    }

    /// <summary>t_k = n_k / Max.</summary>
    public IReadOnlyList<double> Fractions => Looks.Select(n => (double)n / Max).ToArray();
}
