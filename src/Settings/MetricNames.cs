namespace Sweep.Settings;

/// <summary>
/// The metric names of the results contract, in report order, and their reading: the one list the core's evaluation,
/// the trial outcomes, the results files and the analysis use.
/// </summary>
public static class MetricNames
{
    public const string Accuracy = "accuracy";
    public const string F1 = "f1";
    public const string F1Macro = "f1_macro";
    public const string Perplexity = "perplexity";
    public const string EvalLoss = "eval_loss";
    public const string TrainableParams = "trainable_params";
    public const string TotalParams = "total_params";
    public const string TrainablePercent = "trainable_percent";
    public const string PeakMemoryBytes = "peak_memory_bytes";
    public const string TrainSeconds = "train_seconds";
    public const string Steps = "steps";
    public const string SamplesPerSecond = "samples_per_second";
    /// <summary>Language modelling: training target tokens per second (steps × batch × block length / train seconds).</summary>
    public const string TokensPerSecond = "tokens_per_second";
    /// <summary>Language modelling: eval perplexity of the model before the first step (the un-adapted base; NF4 presets:
    /// the quantized base), on the same eval blocks as <see cref="Perplexity"/>.</summary>
    public const string PerplexityBefore = "perplexity_before";
    public const string StepsTo95 = "steps_to_95";
    /// <summary>The peak memory the placement predicted for the trial on its device (see <see cref="PeakMemoryBytes"/> for the measured one).</summary>
    public const string PredictedPeakMemoryBytes = "predicted_peak_memory_bytes";
    /// <summary>CUDA trial processes: the most device memory the driver accounted to the trial's process, sampled by its silo.</summary>
    public const string PeakDeviceMemoryBytes = "peak_device_memory_bytes";

    /// <summary>Every metric column <c>sweep analyze</c> recognises.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Accuracy, F1, F1Macro, Perplexity, EvalLoss, TrainableParams, TotalParams, TrainablePercent,
        PeakMemoryBytes, TrainSeconds, Steps, SamplesPerSecond, TokensPerSecond, PerplexityBefore, StepsTo95, PredictedPeakMemoryBytes,
        PeakDeviceMemoryBytes,
    ];

    /// <summary>
    /// Metrics every results file carries for every trial (null or empty where one does not apply, e.g. perplexity of
    /// a classifier): all but <see cref="StepsTo95"/>, which is only present when a trial evaluated during training, and
    /// <see cref="PredictedPeakMemoryBytes"/>, present where the trial trained for real, and <see cref="PeakDeviceMemoryBytes"/>,
    /// present where a CUDA trial process's device memory could be read.
    /// </summary>
    public static readonly IReadOnlyList<string> Reported = All.Where(m => m is not (StepsTo95 or PredictedPeakMemoryBytes or PeakDeviceMemoryBytes)).ToList();

    /// <summary>Metrics compared against the baseline: accuracy, F1, macro F1, perplexity, loss, memory, time, parameters.</summary>
    public static readonly IReadOnlyList<string> Compared =
    [
        Accuracy, F1, F1Macro, Perplexity, EvalLoss, PeakMemoryBytes, TrainSeconds, TrainableParams,
    ];

    /// <summary>Accuracy-like metrics stored as fractions in [0, 1] (reported in percentage points).</summary>
    public static bool IsFraction(string metric) => metric is Accuracy or F1 or F1Macro;

    public static int Order(string metric)
    {
        for (var i = 0; i < All.Count; i++) if (All[i] == metric) return i;
        return All.Count;
    }
}
