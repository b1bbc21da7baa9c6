namespace Sweep.Training.Data;

/// <summary>
/// How <see cref="DataSources"/> splits sources that have no split of their own, and where packages are cached.
/// The split seed is deliberately separate from the trial seed: every trial of a study (every preset and
/// seed) is evaluated on the same examples, which the paired significance tests need.
/// </summary>
public sealed record DataSourceOptions
{
    /// <summary>Share of each class held out for evaluation (classification sources without a split).</summary>
    public double EvalFraction { get; init; } = 0.2;

    /// <summary>Share of documents held out for evaluation (language-modelling sources without a split).</summary>
    public double LmEvalFraction { get; init; } = 0.1;

    public long SplitSeed { get; init; }

    /// <summary>Sentences generated for <c>toy-sentiment</c>.</summary>
    public int ToySentimentCount { get; init; } = 400;

    /// <summary>Package cache; null means the default (<c>$SWEEP_CACHE/npm</c> or <c>~/.cache/sweep/npm</c>).</summary>
    public NpmPackageCache? Cache { get; init; }
}
