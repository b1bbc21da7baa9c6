namespace Sweep.Grains.Trials.Processes;

/// <summary>How a silo runs trial processes.</summary>
/// <param name="Command">the executable and arguments that start one (<see cref="TrialChildCommand.ForThisProcess"/>).</param>
/// <param name="HangTimeout">a process that sends no message for this long is ended and the attempt fails as hung.</param>
/// <param name="WorkRoot">folder under which each attempt gets a private folder for checkpoint handoff.</param>
/// <param name="Environment">extra environment variables for every trial process (tests set fault switches here).</param>
/// <param name="Allocator">the malloc trial processes run with (null: the system's).</param>
public sealed record TrialProcessOptions(
    TrialChildCommand Command,
    TimeSpan HangTimeout,
    string WorkRoot,
    IReadOnlyDictionary<string, string>? Environment = null,
    TrialAllocator? Allocator = null);
