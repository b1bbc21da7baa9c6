namespace Sweep.Training.Trials;

/// <summary>
/// Where a trial's checkpoints go: a local directory here; Azure Blob storage behind the same interface.
/// Saving replaces the trial's previous checkpoint atomically.
/// </summary>
public interface ICheckpointStore
{
    void Save(string trialId, byte[] checkpoint);
    byte[]? Load(string trialId);

    /// <summary>Stores the checkpoint held in <paramref name="file"/>. Stores that can stream it override this, so a
    /// checkpoint written by a trial process never has to sit whole in the supervisor's memory.</summary>
    void SaveFile(string trialId, string file) => Save(trialId, File.ReadAllBytes(file));

    /// <summary>Writes the trial's checkpoint into <paramref name="file"/>; false (and no file) when there is none to
    /// resume from. Streaming stores override this.</summary>
    bool LoadToFile(string trialId, string file)
    {
        if (Load(trialId) is not { } checkpoint) return false;
        File.WriteAllBytes(file, checkpoint);
        return true;
    }
}
