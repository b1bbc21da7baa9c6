using System.Diagnostics;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary>One progress line per phase change or every few seconds: step/total, loss, samples/s, ETA.</summary>
public sealed class ConsoleTrialProgress(TextWriter writer) : IProgress<TrialProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private TimeSpan _last = TimeSpan.MinValue;
    private string _phase = "";

    public void Report(TrialProgress p)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var phaseChanged = p.Phase != _phase;
            if (!phaseChanged && now - _last < TimeSpan.FromSeconds(5) && p.Step != p.TotalSteps) return;
            _last = now;
            _phase = p.Phase;
            if (p.TotalSteps == 0) { writer.WriteLine($"  [{p.Phase}]"); return; }
            var eta = p.SamplesPerSecond > 0 && p.Step > 0
                ? TimeSpan.FromSeconds(now.TotalSeconds / p.Step * (p.TotalSteps - p.Step)) : TimeSpan.Zero;
            writer.WriteLine($"  [{p.Phase}] step {p.Step}/{p.TotalSteps} ({100.0 * p.Step / p.TotalSteps:F0}%)  loss {p.Loss:F4}  {p.SamplesPerSecond:F1} samples/s  ETA {eta:hh\\:mm\\:ss}");
        }
    }

    public void Finish() => writer.WriteLine($"  done in {_clock.Elapsed:hh\\:mm\\:ss}");
}
