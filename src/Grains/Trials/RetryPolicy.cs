using Sweep.Training;

namespace Sweep.Grains.Trials;

/// <summary>What to do after a failed attempt.</summary>
public sealed record RetryDecision(bool Retry, TimeSpan Delay, string Reason);

/// <summary>
/// Retries with exponential backoff (base · 2^(attempt−1), capped), up to <c>retries</c> times after the first
/// attempt. Bad input (<see cref="InvalidInputException"/>: missing data or weights, unknown names) and
/// unsupported requests (<see cref="NotSupportedException"/>) are never retried: no retry can fix them.
/// </summary>
public sealed record RetryPolicy(int Retries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <param name="attempt">the attempt that just failed, from 1.</param>
    public RetryDecision Decide(int attempt, Exception error)
    {
        var reason = $"{error.GetType().Name}: {error.Message}";
        if (error is InvalidInputException or NotSupportedException) return new RetryDecision(false, TimeSpan.Zero, reason);
        if (attempt > Retries) return new RetryDecision(false, TimeSpan.Zero, $"{reason} (after {attempt} attempts)");
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks));
        return new RetryDecision(true, delay, reason);
    }
}
