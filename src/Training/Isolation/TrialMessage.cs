using Sweep.Training.Trials;

namespace Sweep.Training.Isolation;

/// <summary>Kinds of <see cref="TrialMessage"/>.</summary>
public static class TrialMessageTypes
{
    /// <summary>The process read its request and starts the trial.</summary>
    public const string Started = "started";
    public const string Progress = "progress";
    /// <summary>A checkpoint was written to <see cref="TrialMessage.Path"/>; the silo stores it and deletes the file.</summary>
    public const string Checkpoint = "checkpoint";
    /// <summary>The trial ended (completed, diverged); the last message. A completed trial's PEFT adapter is in the
    /// folder <see cref="TrialMessage.Path"/> (its two files), which the silo reads before the work folder goes.</summary>
    public const string Result = "result";
    /// <summary>The trial could not run (<see cref="TrialErrorKinds"/>); the last message.</summary>
    public const string Error = "error";
    /// <summary>Silo → process, on stdin after the request: the worker is going away; save a checkpoint at the current step
    /// now and stop. A process that does not know it ignores the line (and is ended when the silo's drain runs out).</summary>
    public const string Drain = "drain";
    /// <summary>Answer to <see cref="Drain"/>: the checkpoint of <see cref="TrialMessage.Step"/> was sent (a
    /// <see cref="Checkpoint"/> message before this one; none when the step is the one it resumed from) and the trial
    /// stopped; the last message.</summary>
    public const string Drained = "drained";
}

/// <summary>Kinds of <see cref="TrialMessageTypes.Error"/>: how the silo treats the failure.</summary>
public static class TrialErrorKinds
{
    /// <summary>Bad input: never retried.</summary>
    public const string InvalidInput = "invalid-input";
    public const string NotSupported = "not-supported";
    /// <summary>An allocation failed inside the process (libtorch's allocator or the .NET runtime).</summary>
    public const string OutOfMemory = "out-of-memory";
    public const string Failed = "failed";
}

/// <summary>One message from a trial process. Which fields are set depends on <see cref="Type"/>.</summary>
public sealed record TrialMessage
{
    public required string Type { get; init; }
    public TrialProgress? Progress { get; init; }
    public int? Step { get; init; }
    public string? Path { get; init; }
    public TrialResult? Result { get; init; }
    public string? Kind { get; init; }
    public string? Error { get; init; }
    /// <summary>The process's peak resident set so far (bytes), where the process can read it.</summary>
    public long? PeakRssBytes { get; init; }
}
