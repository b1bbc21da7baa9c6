using Sweep.Bench.Timing;
using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training.Memory;
using Sweep.Training.Models;
using Sweep.Training.Trials;

namespace Sweep.Bench.Memory;

/// <summary>
/// Predicted against measured peak memory, each trial a real one in its own process (this executable re-invoked with the
/// trial verb, as a silo runs it), whose peak resident set is what <c>peak_memory_bytes</c> records. Every round runs
/// every case once, in an order shuffled per round; a case's peak is the median over rounds. The measured constants
/// (<see cref="MeasuredMemory"/>) come from the calibration cases alone; every other row is predicted with them and is
/// a check. bert-base-uncased has no offline weights: its built-in config with random weights is written to a model
/// directory first and loaded like real weights (memory does not depend on the values).
/// </summary>
public sealed class MemoryBenchmark(int batch, int seqLen, int steps, int threads, int rounds, IReadOnlyList<string> models,
    IReadOnlySet<MemoryCaseRole>? roles = null)
{
    public const double Tolerance = 0.15;

    public void Run(TextWriter o)
    {
        using var temp = new TempFolder();
        var executor = new TrialProcessExecutor(new TrialProcessOptions(TrialChildCommand.Self(), TimeSpan.FromMinutes(20), Path.Combine(temp.Path, "work")));
        var paths = new Dictionary<string, string>
        {
            [MemoryModels.Calibration] = MemoryModels.WriteRandom(temp.Path, MemoryModels.Calibration, MemoryModels.CalibrationConfig),
            [ModelCatalog.BertBase] = MemoryModels.WriteRandom(temp.Path, ModelCatalog.BertBase + "-random", BertConfig.BertBaseUncased),
            [ModelCatalog.Gpt2] = MemoryModels.WriteRandomGpt2(temp.Path),
        };
        var cases = MemoryCase.All(models, batch, seqLen, steps, MemoryModels.WriteLongSentences(temp.Path), roles);
        o.WriteLine($"memory benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: grid batch {batch}, max_length {seqLen}, {steps} steps; {threads} thread(s); {rounds} rounds of {cases.Count} trials; cpu");
        o.WriteLine($"machine: {MachineInfo.Current()}; load average {MachineInfo.LoadAverage()}; MALLOC_MMAP_THRESHOLD_={Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") ?? "(glibc default)"}; LD_PRELOAD={Environment.GetEnvironmentVariable("LD_PRELOAD") ?? "(none)"}");

        var peaks = cases.ToDictionary(c => c.Name, _ => new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var i in InterleavedRuns.RoundOrder(cases.Count, r, seed: 1))
            {
                var c = cases[i];
                var spec = c.Spec(paths.GetValueOrDefault(c.Model, c.Model), threads);
                try
                {
                    var peak = executor.Execute(spec, new Progress<TrialProgress>(), CancellationToken.None,
                        new LocalDirectoryCheckpointStore(Path.Combine(temp.Path, "ckpt"))).Metrics.PeakMemoryBytes;
                    peaks[c.Name].Add(peak / 1048576.0);
                    o.WriteLine($"  round {r + 1}: {c.Name,-34} {peak / 1048576.0,8:0} MiB   (load {MachineInfo.LoadAverage()})");
                }
                catch (TrialProcessFailedException e) { o.WriteLine($"  round {r + 1}: {c.Name,-34} failed: {e.Message}"); }
            }
        }
        new MemoryReport(cases, peaks, paths).Write(o);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sweep-bench-memory-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
