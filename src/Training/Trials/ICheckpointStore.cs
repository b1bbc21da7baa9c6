namespace Sweep.Training.Trials;

/// <summary>
/// Where a trial's checkpoints go: a local directory here; Azure Blob storage behind the same interface.
/// Saving replaces the trial's previous checkpoint atomically.
/// </summary>
public interface ICheckpointStore
{
    void Save(string trialId, byte[] checkpoint);
    byte[]? Load(string trialId);
}
