using System.Globalization;

namespace Sweep.Grains.Trials.Processes;

/// <summary>How a trial process ended, as the supervisor saw it.</summary>
/// <param name="ExitCode">the process's exit code; .NET reports death by signal S as 128 + S.</param>
/// <param name="Step">the last training step it reported (0 = still preparing).</param>
/// <param name="OomKills">out-of-memory kills in the silo's cgroup while it ran (null = unknown).</param>
/// <param name="LastError">the last line it wrote to stderr, if any.</param>
public sealed record ProcessEnd(int ExitCode, int Step, long? OomKills, string? LastError);

/// <summary>Turns how a trial process ended into a reason a person understands (pure; unit-tested).</summary>
public static class ExitReasons
{
    private static readonly Dictionary<int, string> Signals = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
    };

    public static string Describe(ProcessEnd end)
    {
        var at = At(end.Step);
        var detail = string.IsNullOrWhiteSpace(end.LastError) ? "" : $": {RetryPolicy.FirstLine(end.LastError)}";
        if (end.ExitCode > 128 && end.ExitCode < 160)
        {
            var signal = end.ExitCode - 128;
            var name = Signals.TryGetValue(signal, out var n) ? n : $"signal {signal}";
            if (signal == 9)
                return end.OomKills is > 0
                    ? $"killed by the kernel: out of memory {at}"
                    : $"killed by SIGKILL {at}, not by the silo (the kernel's out-of-memory killer sends it when memory runs out)";
            return $"crashed: {name} {at}{detail}";
        }
        return end.ExitCode == 0
            ? $"ended without a result {at}{detail}"
            : $"exited with code {end.ExitCode} {at}{detail}";
    }

    public static string Hung(TimeSpan quiet, int step) => $"no progress for {Duration(quiet)} {At(step)}; its process tree was ended";

    public static string OutOfMemory(int step, string detail) => $"out of memory {At(step)} ({RetryPolicy.FirstLine(detail)})";

    public static string At(int step) => step > 0 ? $"at step {step}" : "while preparing";

    /// <summary>"10 min", "90 s", "1 h 30 min", "250 ms".</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.FromSeconds(1)) return $"{(int)t.TotalMilliseconds} ms";
        if (t < TimeSpan.FromMinutes(2)) return string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} s");
        if (t < TimeSpan.FromHours(2)) return string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} min");
        return $"{(int)t.TotalHours} h {t.Minutes} min";
    }
}
