namespace Sweep.Grains;

/// <summary>Names of the grain storage providers and state entries the grains use.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider of experiment, trial and registry state.</summary>
    public const string Sweep = "sweep";
    public const string ExperimentState = "experiment";
    public const string TrialState = "trial";
    public const string RegistryState = "registry";
    public const string BaseState = "base";
    public const string PeakState = "peak";
}
