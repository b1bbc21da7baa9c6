namespace Sweep.Settings;

/// <summary>Defaults and bounds of the sweep-level settings (how trials are expanded and run), next to <see cref="TrainingFields"/>.</summary>
public static class SweepFields
{
    /// <summary>
    /// The largest LoRA rank: a rank above a layer's width adds parameters without adding capacity; 4,096 is above
    /// the widest layer of every built-in model (3,072: the MLPs of BERT-base and GPT-2), while a rank of a billion
    /// would ask the allocator for terabytes.
    /// </summary>
    public const int MaxRank = 4096;
    /// <summary>Longest <c>seeds</c> list of one spec (the trial count is checked on its own).</summary>
    public const int MaxSeeds = 10_000;
    /// <summary>Longest <c>ranks</c> and <c>tasks</c> lists of one spec.</summary>
    public const int MaxRanks = 64, MaxTasks = 64;

    /// <summary>LoRA rank swept when a spec gives no <c>ranks</c>; also the rank of a trial that names none.</summary>
    public static readonly IntBound Rank = new("ranks", 8, Min: 1, Max: MaxRank);
    public static readonly IntBound Seed = new("seeds", 1, Min: 0);
    /// <summary>At most this many trials of one experiment run at once.</summary>
    public static readonly IntBound Concurrency = new("concurrency", 2, Min: 1, Max: 1024);
    /// <summary>Retries after a failed attempt (0 = fail on the first error).</summary>
    public static readonly IntBound Retries = new("retries", 2, Min: 0, Max: 100);
    /// <summary>
    /// Checkpoint every N optimizer steps (0 = never). A sweep checkpoints by default so a lost silo resumes; a single
    /// <c>sweep train</c> run does not (<see cref="TrainCheckpointEvery"/>).
    /// </summary>
    public static readonly IntBound CheckpointEvery = new("checkpoint_every", 50, Min: 0, Max: TrainingFields.StepLimit);
    public const int TrainCheckpointEvery = 0;
    /// <summary>
    /// Keep a trial's last checkpoint after it finishes. By default it is deleted once the outcome is stored: a finished
    /// trial never resumes, and its final adapter is kept on its own.
    /// </summary>
    public static readonly BoolField KeepCheckpoints = new("keep_checkpoints", false);
    /// <summary>Torch intra-op threads per trial (no default: leave as is).</summary>
    public static readonly IntBound ThreadsPerTrial = new("threads_per_trial", null, Min: 1, Max: 1024);
    /// <summary>
    /// Seeds on demand: the first look's seeds, the most seeds, and how many a look adds. A paired test needs two seeds;
    /// at most 1,000 seeds and <see cref="MaxLooks"/> looks, as the design's boundaries are simulated once per sweep
    /// over every look (400,000 paths of up to <c>max</c> seeds).
    /// </summary>
    public static readonly IntBound SeedsStart = new("seeds.start", null, Min: 2, Max: MaxSequentialSeeds);
    public static readonly IntBound SeedsMax = new("seeds.max", null, Min: 2, Max: MaxSequentialSeeds);
    public static readonly IntBound SeedsStep = new("seeds.step", null, Min: 1, Max: MaxSequentialSeeds);
    public const int MaxSequentialSeeds = 1_000;
    /// <summary>Most looks of one sequential design.</summary>
    public const int MaxLooks = 20;
    /// <summary>Equivalence margin of seeds on demand (no default: no equivalence stop).</summary>
    public static readonly RealBound EquivalenceMargin = new("analysis.equivalence_margin", null, Above: 0);
    /// <summary>Significance level of the analysis' tests.</summary>
    public static readonly RealBound AnalysisAlpha = new("analysis.alpha", 0.05, Above: 0, Below: 1);
}
