using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Trials;

/// <summary>Durable state of a trial grain: survives the loss of its silo.</summary>
[GenerateSerializer]
public sealed class TrialGrainState
{
    [Id(0)] public TrialAssignment? Assignment { get; set; }
    [Id(1)] public int Attempts { get; set; }
    [Id(2)] public TrialOutcome? Outcome { get; set; }
    [Id(3)] public DateTimeOffset? StartedAt { get; set; }
    [Id(4)] public bool CancelRequested { get; set; }
    /// <summary>Attempts that ended handed back by a draining silo (of <see cref="Attempts"/>): not failures, no retry spent.</summary>
    [Id(5)] public int HandedBack { get; set; }
}
