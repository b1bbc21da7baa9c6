using Sweep.Settings;

namespace Sweep.Training.Trials;

/// <summary>What one trial produced. Immutable snapshot; serialised into results.json.</summary>
public sealed record TrialResult
{
    public required string Id { get; init; }
    public required TrialState State { get; init; }
    /// <summary>The adapter method's display name (<see cref="AdapterMethods.Name"/>).</summary>
    public string Method { get; init; } = "";
    public string Device { get; init; } = "";
    public string BaseDtype { get; init; } = "";
    public string ComputeDtype { get; init; } = "";
    /// <summary>The malloc the trial's process allocated with (<see cref="Devices.ProcessAllocator"/>): what its resident peak depends on.</summary>
    public string Allocator { get; init; } = "";
    public TrialMetrics Metrics { get; init; } = new();
    /// <summary>AdaLoRA: final rank per module (HF module path → rank).</summary>
    public IReadOnlyDictionary<string, int>? RankPattern { get; init; }
    /// <summary>AdaLoRA: (step, budget) over training.</summary>
    public IReadOnlyList<double[]>? BudgetCurve { get; init; }
    /// <summary>(step, training loss) pairs.</summary>
    public IReadOnlyList<double[]> LossCurve { get; init; } = [];
    /// <summary>Per-example evaluation predictions (classification: predicted label; LM: empty).</summary>
    public IReadOnlyList<int> EvalPredictions { get; init; } = [];
    /// <summary>Per-example gold labels, aligned with <see cref="EvalPredictions"/>.</summary>
    public IReadOnlyList<int> EvalLabels { get; init; } = [];
    public string? Error { get; init; }
    /// <summary>Step at which a NaN/Inf loss ended the run, when Diverged.</summary>
    public int? DivergedAtStep { get; init; }
    /// <summary>A Completed trial's adapter in PEFT format (the caller stores it); not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Peft.PeftAdapterFiles? Adapter { get; init; }
}

public sealed record TrialMetrics
{
    public double? Accuracy { get; init; }
    public double? F1 { get; init; }
    public double? F1Macro { get; init; }
    public double? Perplexity { get; init; }
    public double? EvalLoss { get; init; }
    public long TrainableParams { get; init; }
    public long TotalParams { get; init; }
    public double TrainablePercent { get; init; }
    public long PeakMemoryBytes { get; init; }
    /// <summary>The peak <see cref="Memory.PeakMemoryModel"/> predicts for this trial on its device (null where it cannot tell).</summary>
    public long? PredictedPeakMemoryBytes { get; init; }
    /// <summary>CUDA trial processes: the most device memory the driver accounted to the process (null elsewhere, or where NVML cannot tell).</summary>
    public long? PeakDeviceMemoryBytes { get; init; }
    public double TrainSeconds { get; init; }
    public int Steps { get; init; }
    public double SamplesPerSecond { get; init; }
    /// <summary>Language modelling: training target tokens per second (null for classification).</summary>
    public double? TokensPerSecond { get; init; }
    /// <summary>Language modelling: eval perplexity before the first step (the un-adapted base).</summary>
    public double? PerplexityBefore { get; init; }
    /// <summary>First step whose evaluation reached 95% of the final eval metric (null if never evaluated).</summary>
    public int? StepsTo95 { get; init; }
}

/// <summary>Progress reported while a trial runs.</summary>
public sealed record TrialProgress(string TrialId, int Step, int TotalSteps, double Loss, double SamplesPerSecond, string Phase)
{
    /// <summary>The peak resident set of the trial's own process so far, set by the silo that supervises the process
    /// (null for a trial in the silo's process, whose resident set is not its alone).</summary>
    public long? PeakMemoryBytes { get; init; }

    /// <summary>The most device memory the trial's own process has held so far (CUDA; null elsewhere).</summary>
    public long? PeakDeviceMemoryBytes { get; init; }
}
