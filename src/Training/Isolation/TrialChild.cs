using System.Runtime.InteropServices;
using Sweep.Training.Devices;
using Sweep.Training.Trials;

namespace Sweep.Training.Isolation;

/// <summary>
/// The trial process: reads one <see cref="TrialRequest"/> from stdin, runs it with <see cref="TrialRunner"/>, and
/// writes progress, checkpoint notices and the result (or a classified error) to stdout as <see cref="TrialProtocol"/>
/// lines. Everything else the process prints goes to stderr. When stdin closes (the silo is gone) the process exits; a
/// <see cref="TrialMessageTypes.Drain"/> line on stdin makes the trial checkpoint at its current step and stop.
/// Exit codes: 0 result sent, 3 error sent, 4 drained (checkpointed and stopped), 2 unreadable request.
/// </summary>
public static class TrialChild
{
    public const int ResultSent = 0, BadRequest = 2, ErrorSent = 3, DrainedSent = 4;

    public static int Run(TextReader stdin, Stream stdout)
    {
        var protocol = new StreamWriter(stdout) { AutoFlush = true };
        Console.SetOut(Console.Error); // managed prints must not mix into the message stream
        var gate = new object();
        void Send(TrialMessage m)
        {
            lock (gate) protocol.WriteLine(TrialProtocol.Line(m));
        }

        TrialRequest request;
        try { request = TrialProtocol.ParseRequest(stdin.ReadLine()); }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"sweep trial process: {e.Message}");
            return BadRequest;
        }
        var drain = new CancellationTokenSource(); // not disposed: the stdin watcher may still cancel it while the process exits
        WatchSilo(stdin, drain);

        var fault = TrialFault.For(request.Spec.Id, request.Attempt, Environment.GetEnvironmentVariable(TrialFault.Variable));
        var step = 0;
        Send(new TrialMessage { Type = TrialMessageTypes.Started, PeakRssBytes = PeakRss() });
        try
        {
            var progress = new Forward(p =>
            {
                if (p.Phase == "train") step = p.Step;
                Send(new TrialMessage { Type = TrialMessageTypes.Progress, Progress = p, PeakRssBytes = PeakRss() });
                if (p.Phase == "train") fault?.At(p.Step);
            });
            var result = new TrialRunner().Run(request.Spec, progress, CancellationToken.None, new HandoffCheckpoints(request, Send), drain.Token);
            string? adapter = null;
            if (result.Adapter is { } files) // not part of the result's JSON: handed over as files, like checkpoints
            {
                adapter = System.IO.Path.Combine(request.WorkDirectory, "adapter");
                files.WriteTo(adapter);
            }
            Send(new TrialMessage { Type = TrialMessageTypes.Result, Result = result, Path = adapter, PeakRssBytes = PeakRss() });
            return ResultSent;
        }
        catch (TrialDrainedException e)
        {
            Send(new TrialMessage { Type = TrialMessageTypes.Drained, Step = e.Step, PeakRssBytes = PeakRss() });
            return DrainedSent;
        }
        catch (Exception e)
        {
            Send(new TrialMessage { Type = TrialMessageTypes.Error, Kind = KindOf(e), Error = $"{e.GetType().Name}: {e.Message}", Step = step, PeakRssBytes = PeakRss() });
            return ErrorSent;
        }
    }

    /// <summary>How the silo should treat an exception that ended the trial.</summary>
    public static string KindOf(Exception e) => e switch
    {
        InvalidInputException => TrialErrorKinds.InvalidInput,
        NotSupportedException => TrialErrorKinds.NotSupported,
        OutOfMemoryException => TrialErrorKinds.OutOfMemory,
        ExternalException when e.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase)
                               || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase) => TrialErrorKinds.OutOfMemory,
        _ => TrialErrorKinds.Failed,
    };

    private static long? PeakRss() => OperatingSystem.IsLinux() ? MemoryProbe.ProcessPeakBytes() : null;

    /// <summary>The silo keeps stdin open for as long as it supervises this process; its end means nobody waits for the trial.
    /// A drain message on it cancels <paramref name="drain"/>; other lines are ignored.</summary>
    private static void WatchSilo(TextReader stdin, CancellationTokenSource drain) =>
        new Thread(() =>
        {
            try
            {
                for (string? line; (line = stdin.ReadLine()) is not null;)
                    if (IsDrain(line)) drain.Cancel();
            }
            catch (IOException) { }
            Environment.Exit(BadRequest);
        }) { IsBackground = true, Name = "sweep trial: silo watch" }.Start();

    private static bool IsDrain(string line)
    {
        try { return TrialProtocol.Parse(line)?.Type == TrialMessageTypes.Drain; }
        catch (System.Text.Json.JsonException) { return false; }
    }

    private sealed class Forward(Action<TrialProgress> report) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress value) => report(value);
    }
}
