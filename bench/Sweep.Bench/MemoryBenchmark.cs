using Sweep.Bench.Timing;
using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training.Memory;
using Sweep.Training.Models;
using Sweep.Training.Trials;
using Sweep.Training.Weights;

namespace Sweep.Bench;

/// <summary>
/// Predicted against measured peak memory: each of the six presets on each model runs as a real trial in its own process
/// (this executable re-invoked with the trial verb, as a silo runs it), whose peak resident set is measured; the
/// prediction is <see cref="PeakMemoryModel"/>'s for a CPU. bert-base-uncased has no offline weights: its built-in
/// config with random weights is written to a temporary model directory first (loaded like real weights).
/// </summary>
public sealed class MemoryBenchmark(int batch, int seqLen, int steps, int threads, IReadOnlyList<string> models)
{
    public void Run(TextWriter o)
    {
        using var temp = new TempFolder();
        var executor = new TrialProcessExecutor(new TrialProcessOptions(TrialChildCommand.Self(), TimeSpan.FromMinutes(10), Path.Combine(temp.Path, "work")));
        o.WriteLine($"memory benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: batch {batch}, max_length {seqLen}, {steps} steps, {threads} thread(s), toy-sentiment, cpu");
        o.WriteLine($"machine: {MachineInfo.Current()}; load average {MachineInfo.LoadAverage()}");
        o.WriteLine($"{"model",-18} {"preset",-8} {"predicted MiB",13} {"measured MiB",12} {"pred/meas",9}");
        var errors = new List<double>();
        foreach (var model in models)
        {
            var path = model == ModelCatalog.BertBase ? RandomBertBase(temp.Path) : model;
            foreach (var preset in Presets.Names)
            {
                var spec = new TrialSpec
                {
                    Id = $"{model}/{preset}", Model = path, Data = "toy-sentiment", Preset = preset, Seed = 1, Device = "cpu", Threads = threads,
                    Training = new TrainingSettings { MaxSteps = steps, BatchSize = batch, MaxLength = seqLen, MaxEvalExamples = 2 * batch, WarmupSteps = 1 },
                };
                var predicted = TrialMemory.Predict(spec, "cpu").Total;
                long measured;
                try
                {
                    measured = executor.Execute(spec, new Progress<TrialProgress>(), CancellationToken.None, new LocalDirectoryCheckpointStore(Path.Combine(temp.Path, "ckpt")))
                        .Metrics.PeakMemoryBytes;
                }
                catch (TrialProcessFailedException e)
                {
                    o.WriteLine($"{model,-18} {preset,-8} {predicted / 1048576.0,13:0} {"failed",12}  {e.Message}");
                    continue;
                }
                var ratio = (double)predicted / measured;
                errors.Add(Math.Abs(ratio - 1));
                o.WriteLine($"{model,-18} {preset,-8} {predicted / 1048576.0,13:0} {measured / 1048576.0,12:0} {ratio,9:0.000}");
            }
        }
        o.WriteLine($"|pred/meas − 1|: mean {errors.Average():P1}, max {errors.Max():P1}; within 15%: {errors.Count(e => e <= 0.15)}/{errors.Count}");
    }

    private static string RandomBertBase(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "bert-base-uncased-random")).FullName;
        TorchSharp.torch.manual_seed(1);
        using var model = new BertForSequenceClassification(BertConfig.BertBaseUncased);
        var state = StateDictExporter.Export(model, KeyMapping.Bert);
        HfCheckpoint.Write(dir, state);
        foreach (var t in state.Values) t.Dispose();
        File.WriteAllText(Path.Combine(dir, "config.json"), System.Text.Json.JsonSerializer.Serialize(BertConfig.BertBaseUncased));
        return dir;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sweep-bench-memory-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
