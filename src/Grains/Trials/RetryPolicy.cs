using System.Runtime.InteropServices;
using Sweep.Training;

namespace Sweep.Grains.Trials;

/// <summary>What to do after a failed attempt.</summary>
public sealed record RetryDecision(bool Retry, TimeSpan Delay, string Reason);

/// <summary>
/// Retries with exponential backoff (base · 2^(attempt−1), capped), up to <c>retries</c> times after the first
/// attempt. Bad input (<see cref="InvalidInputException"/>: missing data or weights, unknown names, values out of
/// bounds), unsupported requests (<see cref="NotSupportedException"/>) and requests for more memory than the machine
/// has (the native allocator's or the runtime's out-of-memory) are never retried: the same trial asks for the same
/// memory again. A reason is the error's first line: native errors carry C++ backtraces that say nothing to a user.
/// </summary>
public sealed record RetryPolicy(int Retries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <param name="attempt">the attempt that just failed, from 1.</param>
    public RetryDecision Decide(int attempt, Exception error)
    {
        // a trial process's failure is already a sentence ("crashed: SIGSEGV at step 412"); other errors name their type
        var reason = error is Processes.TrialProcessFailedException ? FirstLine(error.Message) : $"{error.GetType().Name}: {FirstLine(error.Message)}";
        if (error is InvalidInputException or NotSupportedException) return new RetryDecision(false, TimeSpan.Zero, reason);
        if (IsOutOfMemory(error))
            return new RetryDecision(false, TimeSpan.Zero, $"cannot run: the trial needs more memory than this machine has ({FirstLine(error.Message)})");
        if (attempt > Retries) return new RetryDecision(false, TimeSpan.Zero, $"{reason} (after {attempt} attempts)");
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks));
        return new RetryDecision(true, delay, reason);
    }

    private static bool IsOutOfMemory(Exception error) =>
        error is OutOfMemoryException ||
        (error is ExternalException && (error.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase) ||
                                        error.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The message up to its first line break or native backtrace, shortened to a readable length.</summary>
    internal static string FirstLine(string message)
    {
        var text = message.TrimStart();
        var cut = text.IndexOfAny(['\r', '\n']);
        if (cut >= 0) text = text[..cut];
        var raised = text.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (raised > 0) text = text[..raised];
        text = text.Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
