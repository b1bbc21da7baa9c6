namespace Sweep.Training.Tests;

/// <summary>
/// Tests that draw from torch's process-wide generator (randn without a Generator, module init, dropout).
/// They run alone, never beside others: the trainer seeds that generator (manual_seed per step), so a
/// concurrent draw elsewhere would change a run's numbers and break its determinism and resume tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTorchRandom
{
    public const string Name = "global torch random";
}
