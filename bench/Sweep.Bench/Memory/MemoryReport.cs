using Sweep.Bench.Timing;
using Sweep.Training.Memory;

namespace Sweep.Bench.Memory;

/// <summary>
/// The memory benchmark's report: the measured constants from the calibration cases (beside those the code ships),
/// then every other case predicted with them against its median peak (with the range over rounds), its ratio and a
/// pass or fail against ±15%, and the activation slopes: measured against predicted growth between two batch sizes
/// and between two lengths.
/// </summary>
public sealed class MemoryReport(IReadOnlyList<MemoryCase> cases, IReadOnlyDictionary<string, List<double>> peaks, IReadOnlyDictionary<string, string> paths)
{
    private const double MiB = 1048576.0;

    public void Write(TextWriter o)
    {
        if (Median(MemoryCase.Idle) is not { } idle || Median(MemoryCase.CalibrationFp) is not { } fp || Median(MemoryCase.CalibrationQ4) is not { } q4)
        {
            o.WriteLine("a calibration trial failed: no constants, no predictions");
            return;
        }
        var measured = Calibrate(idle, fp, q4);
        var shipped = MeasuredMemory.Default;
        o.WriteLine();
        o.WriteLine("measured constants (calibration trials only)      this run   in the code");
        o.WriteLine($"  idle trial process (runtime)                   {measured.RuntimeBytes / MiB,8:0} MiB {shipped.RuntimeBytes / MiB,8:0} MiB");
        o.WriteLine($"  model directory load, × fp32 model             {measured.DirectoryLoadFactor,8:0.00}     {shipped.DirectoryLoadFactor,8:0.00}");
        o.WriteLine($"  NF4 quantization, × NF4 codes                  {measured.Nf4QuantizeFactor,8:0.00}     {shipped.Nf4QuantizeFactor,8:0.00}");
        o.WriteLine();
        o.WriteLine($"{"trial",-34} {"role",-8} {"predicted MiB",13} {"measured MiB [min–max]",24} {"pred/meas",9}  ±15%");
        var errors = new List<double>();
        foreach (var c in cases.Where(c => c.Role != MemoryCaseRole.Calibration))
        {
            var predicted = Predict(c, measured) / MiB;
            if (Summary(c.Name) is not { } s)
            {
                o.WriteLine($"{c.Name,-34} {Role(c),-8} {predicted,13:0} {"failed",24}");
                continue;
            }
            var ratio = predicted / s.Median;
            if (c.Role != MemoryCaseRole.Slope) errors.Add(Math.Abs(ratio - 1));
            o.WriteLine($"{c.Name,-34} {Role(c),-8} {predicted,13:0} {$"{s.Median:0} [{s.Min:0}–{s.Max:0}]",24} {ratio,9:0.000}  {(Math.Abs(ratio - 1) <= MemoryBenchmark.Tolerance ? "pass" : "FAIL")}");
        }
        if (errors.Count > 0)
            o.WriteLine($"|pred/meas − 1| over grid and held-out rows: mean {errors.Average():P1}, max {errors.Max():P1}; within 15%: {errors.Count(e => e <= MemoryBenchmark.Tolerance)}/{errors.Count}");
        o.WriteLine();
        if (cases.Any(c => c.Role == MemoryCaseRole.Slope))
        {
            Slope(o, measured, "batch 16 → 64 at 128 tokens", MemoryCase.SlopePoints[0], MemoryCase.SlopePoints[1]);
            Slope(o, measured, "length 32 → 128 at batch 32", MemoryCase.SlopePoints[2], MemoryCase.SlopePoints[3]);
        }
    }

    /// <summary>The constants from the calibration medians: the idle trial minus its predicted model; the calibration
    /// model's B-FP minus the runtime and its fp32 model, per fp32 model; its B-Q4 over its B-FP, per NF4 code byte.</summary>
    private MeasuredMemory Calibrate(double idleMiB, double fpMiB, double q4MiB)
    {
        var none = new MeasuredMemory(0, 0, 0);
        var idle = cases.First(c => c.Name == MemoryCase.Idle);
        var runtime = (long)(idleMiB * MiB) - Predict(idle, none);
        var dims = ModelDimensions.Of(MemoryModels.CalibrationConfig);
        var fp32 = dims.TotalParameters * 4.0;
        var directory = (fpMiB * MiB - runtime - fp32) / fp32;
        var nf4 = (q4MiB - fpMiB) * MiB / (dims.TargetWeights * PeakMemoryModel.Nf4BytesPerValue);
        return new MeasuredMemory(runtime, directory, Math.Max(0, nf4));
    }

    private void Slope(TextWriter o, MeasuredMemory measured, string what, (int B, int T) from, (int B, int T) to)
    {
        var a = cases.First(c => c.Name == MemoryCase.SlopeName(from.B, from.T));
        var b = cases.First(c => c.Name == MemoryCase.SlopeName(to.B, to.T));
        if (Median(a.Name) is not { } ma || Median(b.Name) is not { } mb) { o.WriteLine($"activation slope, {what}: a trial failed"); return; }
        var predicted = (Predict(b, measured) - Predict(a, measured)) / MiB;
        var growth = mb - ma;
        o.WriteLine($"activation slope, {what}: predicted +{predicted:0} MiB, measured +{growth:0} MiB, ratio {predicted / growth:0.000}");
    }

    private long Predict(MemoryCase c, MeasuredMemory measured) =>
        TrialMemory.Predict(c.Spec(paths.GetValueOrDefault(c.Model, c.Model), 1), "cpu", cpuHasHalf: false, measured).Total;

    private double? Median(string name) => Summary(name)?.Median;

    private SampleSummary? Summary(string name) => peaks.TryGetValue(name, out var p) && p.Count > 0 ? SampleSummary.Of(p) : null;

    private static string Role(MemoryCase c) => c.Role switch { MemoryCaseRole.Grid => "grid", MemoryCaseRole.Slope => "slope", _ => "held-out" };
}
