namespace Sweep.Grains.Trials.Processes;

/// <summary>
/// A trial process ended without a result: crashed, was killed, exited early, stopped reporting, or ran out of memory.
/// The message is the reason as a person reads it ("crashed: SIGSEGV at step 412"). The silo is unharmed; the retry
/// policy applies.
/// </summary>
public sealed class TrialProcessFailedException(string reason) : Exception(reason);
