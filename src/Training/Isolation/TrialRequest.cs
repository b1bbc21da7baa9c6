using Sweep.Training.Trials;

namespace Sweep.Training.Isolation;

/// <summary>What a trial process is asked to do: the trial, its attempt, and where checkpoints pass between it and the silo.</summary>
public sealed record TrialRequest
{
    public int Version { get; init; } = TrialProtocol.Version;
    public required TrialSpec Spec { get; init; }
    /// <summary>The attempt this process runs, from 1.</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>A folder private to this attempt: the checkpoint to resume from is <see cref="ResumeFile"/> in it, new ones are written there.</summary>
    public required string WorkDirectory { get; init; }
    /// <summary>The checkpoint to resume from (a file in <see cref="WorkDirectory"/>), or null to start fresh.</summary>
    public string? ResumeFile { get; init; }
}
