using System.Buffers.Binary;
using System.Diagnostics;
using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Options of the simulated executor: how many steps and how long each takes (spinning = CPU-bound, else sleeping).</summary>
public sealed record SimulationOptions(int DefaultSteps = 20, double StepMilliseconds = 1, bool Spin = false);

/// <summary>
/// A deterministic stand-in for training: N steps of fixed work, checkpoint every K steps (the step number),
/// resume from the last checkpoint; a drain checkpoints the current step and stops. Metrics depend only on (preset, seed),
/// so results are reproducible.
/// </summary>
public sealed class SimulatedTrialExecutor(SimulationOptions options) : ITrialExecutor
{
    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default)
    {
        CheckData(spec.Data);
        var steps = spec.Training.MaxSteps ?? options.DefaultSteps;
        var checkpoint = checkpoints.Load(spec.Id);
        var saved = ResumeStep(checkpoint); // the step the store's checkpoint holds
        var clock = Stopwatch.StartNew();
        var losses = new List<double[]>();
        for (var step = saved + 1; step <= steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            if (drain.IsCancellationRequested) Drain(spec.Id, step - 1, saved, checkpoints);
            Work(options.StepMilliseconds, options.Spin, ct);
            var loss = 1.0 / (1 + step * 0.1);
            losses.Add([step, loss]);
            progress.Report(new TrialProgress(spec.Id, step, steps, loss, spec.Training.BatchSize / Math.Max(options.StepMilliseconds / 1000, 1e-6), "train"));
            if (spec.CheckpointEvery > 0 && step % spec.CheckpointEvery == 0)
            {
                Save(spec.Id, step, checkpoints);
                saved = step;
            }
        }
        var accuracy = 0.80 + (StableHash($"{spec.Preset}/{spec.Seed}") % 100) / 1000.0;
        return new TrialResult
        {
            Id = spec.Id,
            State = TrialState.Completed,
            Method = Presets.MethodName(spec.Preset),
            Device = spec.Device,
            LossCurve = losses,
            Metrics = new TrialMetrics
            {
                Accuracy = accuracy, F1 = accuracy, F1Macro = accuracy, Steps = steps,
                TrainSeconds = clock.Elapsed.TotalSeconds, SamplesPerSecond = steps * spec.Training.BatchSize / Math.Max(clock.Elapsed.TotalSeconds, 1e-9),
            },
        };
    }

    private static void Save(string trialId, int step, ICheckpointStore checkpoints)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, step);
        checkpoints.Save(trialId, bytes);
    }

    /// <summary>Checkpoints <paramref name="step"/> unless the store already holds it (<paramref name="saved"/>), then stops.</summary>
    private static void Drain(string trialId, int step, int saved, ICheckpointStore checkpoints)
    {
        if (step > saved) Save(trialId, step, checkpoints);
        throw new TrialDrainedException(trialId, step);
    }

    /// <summary>
    /// Like the real core: a real-file data source whose directory is missing, or whose files do not read (a bad row
    /// that the checks before submitting, which read only the headers, cannot see), is bad input (no retry).
    /// </summary>
    private static void CheckData(string data)
    {
        // Once per source and process: a simulated trial must stay cheap, and the files do not change under a sweep.
        if (CheckedData.ContainsKey(data)) return;
        Load(data);
        CheckedData.TryAdd(data, true);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> CheckedData = new();

    private static void Load(string data)
    {
        var colon = data.IndexOf(':');
        if (colon <= 0) return;
        var (kind, path) = (data[..colon], data[(colon + 1)..]);
        if (!Directory.Exists(path))
            throw new Training.InvalidInputException($"data '{data}': directory '{path}' does not exist");
        if (kind == Training.Data.DataSources.Sst2Prefix) Training.Data.Sources.Sst2TsvSource.Load(path);
        else if (kind == Training.Data.DataSources.WikiText2Prefix) Training.Data.Sources.WikiText2Source.Load(path);
    }

    private static void Work(double milliseconds, bool spin, CancellationToken ct)
    {
        if (milliseconds <= 0) return;
        if (!spin) { Sleep(milliseconds, ct); return; }
        var until = Stopwatch.GetTimestamp() + (long)(milliseconds * Stopwatch.Frequency / 1000);
        var x = 1.0;
        while (Stopwatch.GetTimestamp() < until) x = Math.Sqrt(x + 1.0);
        GC.KeepAlive(x);
    }

    /// <summary>Sleeps in slices of at most 10 ms, checking for cancellation (no wait handle per run).</summary>
    private static void Sleep(double milliseconds, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(milliseconds * Stopwatch.Frequency / 1000);
        for (var left = milliseconds; left > 0; left = (until - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(left, 10)));
        }
    }

    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }

    /// <summary>The step a simulated trial resumes after, from its checkpoint (0 without one).</summary>
    public static int ResumeStep(byte[]? checkpoint) => checkpoint is { Length: 4 } ? BinaryPrimitives.ReadInt32LittleEndian(checkpoint) : 0;
}
