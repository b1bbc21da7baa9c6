namespace Sweep.Grains.Experiments;

/// <summary>
/// How often an experiment pings its running trials and fills free slots, and how often at most it writes its
/// bookkeeping between the writes it always makes (submit, cancel, finish, deactivation). Bookkeeping lost with a silo
/// is rebuilt from the trial grains, which keep their own outcomes: a pending-looking trial that already ended answers
/// its dispatch with its outcome. <see cref="CancelWait"/>: how long cancel waits for the running trials to answer
/// before it returns (the rest report their outcomes when they stop).
/// </summary>
public sealed record ExperimentTiming(TimeSpan PumpInterval, TimeSpan SaveInterval)
{
    public TimeSpan CancelWait { get; init; } = TimeSpan.FromSeconds(5);
}
