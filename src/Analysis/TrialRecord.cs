namespace Sweep.Analysis;

/// <summary>
/// One finished trial as the analysis sees it: plain values, no Orleans or TorchSharp types.
/// Built from results.json / trials.csv rows or from live grain results.
/// </summary>
/// <param name="Metrics">metric name (accuracy, f1, f1_macro, perplexity, eval_loss, trainable_params,
/// total_params, peak_memory_bytes, train_seconds, samples_per_second, …) → value.</param>
/// <param name="Predictions">per-example eval predictions (classification), aligned with <paramref name="Labels"/>.</param>
/// <param name="BaseDtype">the base weights' dtype as run (fp32, bf16, fp16, nf4); empty where the source has none.</param>
/// <param name="ComputeDtype">the matmuls' dtype as run; empty where the source has none.</param>
public sealed record TrialRecord(
    string Task,
    string Preset,
    int Seed,
    string State,
    IReadOnlyDictionary<string, double> Metrics,
    string Method = "",
    int? Rank = null,
    IReadOnlyList<int>? Predictions = null,
    IReadOnlyList<int>? Labels = null,
    IReadOnlyList<double[]>? LossCurve = null,
    IReadOnlyDictionary<string, int>? RankPattern = null,
    string BaseDtype = "",
    string ComputeDtype = "")
{
    public bool IsCompleted => State == "Completed";
}
