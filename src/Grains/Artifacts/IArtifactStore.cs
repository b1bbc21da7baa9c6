namespace Sweep.Grains.Artifacts;

/// <summary>
/// Where trials keep checkpoints and artifacts, by key (<c>experiment/trial/checkpoint</c>). The local-directory
/// store serves one machine (several silo processes share it); an Azure Blob store implements the same for clusters.
/// Called from training threads: implementations are thread-safe and synchronous.
/// </summary>
public interface IArtifactStore
{
    void Save(string key, byte[] data);
    byte[]? Load(string key);
    /// <summary>Removes a key; deleting a key that does not exist is no error.</summary>
    void Delete(string key);
}
