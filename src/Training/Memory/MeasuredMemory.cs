namespace Sweep.Training.Memory;

/// <summary>
/// The constants of <see cref="PeakMemoryModel"/> that are measured rather than derived, each measured by
/// <c>bench memory</c> on its own calibration trials, never on the rows the benchmark then checks (docs/benchmarks.md):
/// </summary>
/// <param name="RuntimeBytes">resident memory of an idle trial process (the .NET runtime, libtorch, the tokenizer, the
/// data): a trivial trial (tiny-bert, batch 1, 8 tokens, 1 step) minus what the model predicts for its model.</param>
/// <param name="DirectoryLoadFactor">reading a model directory keeps this many times the fp32 model beside the built
/// model while its weights are copied in (the state dict read whole, plus the reader's and allocator's leftovers);
/// measured on the calibration model, a random-weight BERT of width 512 and 8 layers stored as a directory.</param>
/// <param name="Nf4QuantizeFactor">quantizing to NF4 while the fp32 model is resident adds this many times the NF4 codes to
/// the loading peak (per-layer temporaries); measured on the calibration model's B-Q4 trial against its B-FP trial.</param>
public sealed record MeasuredMemory(long RuntimeBytes, double DirectoryLoadFactor, double Nf4QuantizeFactor)
{
    /// <summary>As <c>bench memory</c> measured them on 2026-12-01 19:00 UTC (Linux x64, libtorch CPU; see docs/benchmarks.md).</summary>
    public static readonly MeasuredMemory Default = new(189L << 20, 1.45, 4.71);
}
