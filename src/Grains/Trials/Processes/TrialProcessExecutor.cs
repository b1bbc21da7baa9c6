using System.Collections.Concurrent;
using System.Diagnostics;
using Sweep.Training;
using Sweep.Training.Isolation;
using Sweep.Training.Peft;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials.Processes;

/// <summary>
/// Runs each trial in its own process and supervises it (<see cref="TrialChild"/> on the other end of the pipe): the
/// request goes in on stdin; progress, checkpoint notices and the result come back on stdout. Checkpoints pass as files
/// in a folder private to the attempt and are stored here, in the silo's store. A crash, a kill, an early exit or a
/// silence longer than the hang timeout ends the attempt with <see cref="TrialProcessFailedException"/> naming the cause;
/// cancelling ends the whole process tree. A drain is passed on as a <see cref="TrialMessageTypes.Drain"/> line on stdin:
/// the process checkpoints, the checkpoint is stored, and the attempt ends with <see cref="TrialDrainedException"/>. The silo's own memory and threads never see the trial's native code.
/// </summary>
public sealed class TrialProcessExecutor(TrialProcessOptions options) : ITrialExecutor
{
    /// <summary>Attempts of each trial on this silo, told to the process (test-only faults act on chosen attempts).</summary>
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>Each trial has its own process, so its peak is its own.</summary>
    public bool MeasuresItsOwnPeak => true;

    public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default)
    {
        ct.ThrowIfCancellationRequested();
        var attempt = _attempts.AddOrUpdate(spec.Id, 1, (_, n) => n + 1);
        var work = Directory.CreateDirectory(Path.Combine(options.WorkRoot, $"trial-{Guid.NewGuid():N}")).FullName;
        try
        {
            var resumeFile = Path.Combine(work, "resume.ckpt");
            var resume = checkpoints.LoadToFile(spec.Id, resumeFile) ? resumeFile : null; // streamed, never whole in memory
            var request = new TrialRequest { Spec = spec, Attempt = attempt, WorkDirectory = work, ResumeFile = resume };
            return Supervise(request, progress, ct, checkpoints, drain);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* a file the dying process still held: the next silo start's temp cleanup takes it */ }
        }
    }

    private TrialResult Supervise(TrialRequest request, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain)
    {
        var oomBefore = OomKillCounter.Read();
        using var process = Start(request.Spec);
        using var devicePeak = DevicePeakSampler.For(request.Spec.Device, process.Id); // CUDA only: device memory as the driver counts it
        var lastError = new StderrTail();
        process.ErrorDataReceived += (_, e) => lastError.Add(e.Data);
        process.BeginErrorReadLine();
        var lines = new BlockingCollection<string?>();
        var reader = new Thread(() =>
        {
            try { for (string? l; (l = process.StandardOutput.ReadLine()) is not null;) lines.Add(l); }
            catch (IOException) { }
            lines.Add(null);
        }) { IsBackground = true, Name = $"sweep trial {process.Id}: stdout" };
        reader.Start();
        using var cancel = ct.Register(() => KillTree(process));
        var stdin = new object();
        void Tell(string line)
        {
            lock (stdin)
            {
                try
                {
                    process.StandardInput.WriteLine(line);
                    process.StandardInput.Flush(); // stdin stays open: its end tells the child the silo is gone
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { /* it ended: its exit says why */ }
            }
        }
        Tell(TrialProtocol.RequestLine(request));
        using var draining = drain.Register(() => Tell(TrialProtocol.Line(new TrialMessage { Type = TrialMessageTypes.Drain })));

        var step = 0;
        long peak = 0;
        TrialResult? result = null;
        TrialMessage? error = null;
        int? drainedAt = null;
        while (true)
        {
            if (!lines.TryTake(out var line, options.HangTimeout))
            {
                KillTree(process);
                throw new TrialProcessFailedException(ExitReasons.Hung(options.HangTimeout, step));
            }
            if (line is null) break;
            if (TrialProtocol.Parse(line) is not { } m) continue;
            peak = Math.Max(peak, m.PeakRssBytes ?? 0);
            switch (m.Type)
            {
                case TrialMessageTypes.Progress when m.Progress is { } p:
                    if (p.Phase == "train") step = p.Step;
                    // what the process has held so far: the silo's slots hold the larger of it and the trial's need
                    progress.Report(p with { PeakMemoryBytes = peak > 0 ? peak : null, PeakDeviceMemoryBytes = devicePeak?.Peak });
                    break;
                case TrialMessageTypes.Checkpoint when m.Path is { } path:
                    checkpoints.SaveFile(request.Spec.Id, path); // streamed from the child's file into the store
                    File.Delete(path);
                    break;
                case TrialMessageTypes.Result:
                    devicePeak?.Sample();
                    result = m.Result is { } r && m.Path is { } adapter ? r with { Adapter = PeftAdapterFiles.ReadFrom(adapter) } : m.Result;
                    break;
                case TrialMessageTypes.Error:
                    error = m;
                    break;
                case TrialMessageTypes.Drained:
                    drainedAt = m.Step ?? 0;
                    break;
            }
        }
        process.WaitForExit();
        ct.ThrowIfCancellationRequested();
        if (drainedAt is { } at) throw new TrialDrainedException(request.Spec.Id, at);
        if (result is not null)
            return result with
            {
                Metrics = result.Metrics with { PeakMemoryBytes = peak > 0 ? peak : result.Metrics.PeakMemoryBytes, PeakDeviceMemoryBytes = devicePeak?.Peak },
            };
        if (error is not null) throw Classified(error);
        throw new TrialProcessFailedException(ExitReasons.Describe(new ProcessEnd(process.ExitCode, step, OomKillsSince(oomBefore), lastError.Last)));
    }

    private static Exception Classified(TrialMessage error)
    {
        var message = error.Error ?? "no message";
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        var text = colon > 0 ? message[(colon + 2)..] : message; // the child prefixes the exception's type
        return error.Kind switch
        {
            TrialErrorKinds.InvalidInput => new InvalidInputException(text),
            TrialErrorKinds.NotSupported => new NotSupportedException(text),
            TrialErrorKinds.OutOfMemory => new TrialProcessFailedException(ExitReasons.OutOfMemory(error.Step ?? 0, text)),
            _ => new TrialProcessFailedException($"failed {ExitReasons.At(error.Step ?? 0)}: {RetryPolicy.FirstLine(message)}"),
        };
    }

    private static long? OomKillsSince(long? before) => before is { } b && OomKillCounter.Read() is { } now ? now - b : null;

    private Process Start(TrialSpec spec)
    {
        var start = new ProcessStartInfo(options.Command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in options.Command.Arguments) start.ArgumentList.Add(a);
        if (spec.Threads is int threads)
        {
            // libtorch's intra-op pool and OpenMP read these before the trial calls set_num_threads
            start.Environment["OMP_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["MKL_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (options.Allocator?.PreloadList(System.Environment.GetEnvironmentVariable("LD_PRELOAD")) is { } preload) start.Environment["LD_PRELOAD"] = preload;
        foreach (var (k, v) in options.Environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start a trial process ({options.Command.FileName})");
    }

    private static void KillTree(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        catch (System.ComponentModel.Win32Exception) { /* exiting */ }
    }

    /// <summary>The last non-empty stderr line (a native crash's message, an unhandled exception's first line).</summary>
    private sealed class StderrTail
    {
        private volatile string? _last;
        public string? Last => _last;
        public void Add(string? line) { if (!string.IsNullOrWhiteSpace(line)) _last = line; }
    }
}
