using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sweep.Analysis;
using Sweep.Analysis.Reports;
using Sweep.Bench.Timing;

namespace Sweep.Bench;

/// <summary>
/// Times <c>sweep analyze</c>'s work on a large synthetic trials CSV: 6 presets × 2 tasks × N seeds with the columns
/// <c>sweep run</c> writes (metrics and a short loss curve per trial), so the file has the size of a real one. Reports
/// the rows, the file size and the seconds of each phase: reading, the analysis, and summary.md.
/// Usage: <c>analyze [--rows R] [--curve-points P]</c> (R rounded down to whole seeds).
/// </summary>
public static class AnalyzeBenchmark
{
    private static readonly string[] Presets = ["B-FP", "B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3"];
    private static readonly string[] Tasks = ["sst2", "mrpc"];

    public static void Run(int rows, int curvePoints, TextWriter log)
    {
        var seeds = Math.Max(2, rows / (Presets.Length * Tasks.Length));
        var path = Path.Combine(Path.GetTempPath(), $"sweep-analyze-bench-{Environment.ProcessId}.csv");
        try
        {
            var clock = Stopwatch.StartNew();
            Generate(path, seeds, curvePoints);
            var bytes = new FileInfo(path).Length;
            log.WriteLine($"generated {seeds * Presets.Length * Tasks.Length:N0} rows ({Presets.Length} presets × {Tasks.Length} tasks × {seeds:N0} seeds), " +
                $"{bytes / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s");

            clock.Restart();
            var cpu = Cpu();
            var trials = TrialsCsv.Read(path);
            var read = clock.Elapsed.TotalSeconds;
            log.WriteLine($"read     {read,7:F2} s  (cpu {Cpu() - cpu:F2} s)");

            clock.Restart();
            cpu = Cpu();
            var options = new AnalysisOptions();
            var report = StudyAnalyzer.Analyze(trials, options);
            var analyse = clock.Elapsed.TotalSeconds;
            log.WriteLine($"analyse  {analyse,7:F2} s  (cpu {Cpu() - cpu:F2} s; {report.Groups.Count} groups, {report.Comparisons.Count} comparisons)");

            clock.Restart();
            cpu = Cpu();
            var summary = SummaryMarkdown.Render(report, trials, options);
            var render = clock.Elapsed.TotalSeconds;
            log.WriteLine($"summary  {render,7:F2} s  (cpu {Cpu() - cpu:F2} s; {summary.Length:N0} characters)");
            log.WriteLine($"total    {read + analyse + render,7:F2} s for {trials.Count:N0} rows, {bytes / 1e6:F1} MB; " +
                $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; load average {MachineInfo.LoadAverage()}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the CSV row by row (never the whole text in memory). Accuracies are fractions; each preset has its own
    /// mean so the tests have something to find; the values are seeded and the same on every run.</summary>
    private static void Generate(string path, int seeds, int curvePoints)
    {
        var random = new Random(7);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("task,preset,method,rank,seed,state,accuracy,f1,eval_loss,trainable_params,peak_memory_bytes,train_seconds,samples_per_second,loss_curve\n");
        var c = CultureInfo.InvariantCulture;
        var curve = new StringBuilder();
        foreach (var task in Tasks)
            for (var p = 0; p < Presets.Length; p++)
                for (var seed = 1; seed <= seeds; seed++)
                {
                    var acc = Math.Clamp(0.88 + 0.005 * p + 0.01 * Normal(random), 0, 1);
                    var f1 = Math.Clamp(acc - 0.01 + 0.005 * Normal(random), 0, 1);
                    var loss = 0.3 + 0.05 * Normal(random);
                    curve.Clear().Append("\"[");
                    for (var k = 0; k < curvePoints; k++)
                        curve.Append(k == 0 ? "" : ",").Append('[').Append((k + 1) * 50).Append(',')
                            .Append((2.0 / (k + 1) + 0.05 * random.NextDouble()).ToString("F4", c)).Append(']');
                    curve.Append("]\"");
                    w.Write($"{task},{Presets[p]},lora,8,{seed},Completed,{acc.ToString("R", c)},{f1.ToString("R", c)},{loss.ToString("R", c)}," +
                        $"{1_340_930 + 100_000 * p},{(17.3e9 - 1e9 * p + 1e7 * Normal(random)).ToString("F0", c)}," +
                        $"{(1566 + 100 * p + 20 * Normal(random)).ToString("F2", c)},{(50 + Normal(random)).ToString("F3", c)},{curve}\n");
                }
    }

    /// <summary>Processor seconds of this process so far (all threads): what a phase costs regardless of other load.</summary>
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
