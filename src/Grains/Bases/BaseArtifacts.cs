using System.Text.Json;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Interfaces;
using Sweep.Training.Trials;

namespace Sweep.Grains.Bases;

/// <summary>
/// A pretrained base in the artifact store under <c>bases/&lt;hash&gt;/</c>: <c>config.json</c>, <c>model.safetensors</c>,
/// <c>provenance.json</c> (written last: a base is complete when it exists) and, while it pretrains, <c>checkpoint</c>.
/// Trials read it into a local model directory once per silo.
/// </summary>
public sealed class BaseArtifacts(IArtifactStore store)
{
    public static readonly string[] ModelFiles = ["config.json", "model.safetensors"];
    public const string ProvenanceFile = "provenance.json";

    public static string Prefix(string hash) => $"bases/{hash}/";

    /// <summary>Checkpoints of the base's pretraining, under <c>bases/&lt;hash&gt;/checkpoint</c>.</summary>
    public ICheckpointStore Checkpoints(string hash) => new Store(store, Prefix(hash) + "checkpoint");

    public BaseProvenance? Provenance(string hash) =>
        store.Load(Prefix(hash) + ProvenanceFile) is { } bytes ? JsonSerializer.Deserialize<BaseProvenance>(bytes) : null;

    /// <summary>Uploads the model files of a finished pretraining, then its provenance; drops the checkpoint.</summary>
    public void Publish(string directory, BaseProvenance provenance)
    {
        foreach (var file in ModelFiles) store.Save(Prefix(provenance.Hash) + file, File.ReadAllBytes(Path.Combine(directory, file)));
        store.Save(Prefix(provenance.Hash) + ProvenanceFile, JsonSerializer.SerializeToUtf8Bytes(provenance));
        store.Delete(Prefix(provenance.Hash) + "checkpoint");
    }

    /// <summary>The base as a local Hugging Face model directory under <paramref name="cacheRoot"/>, read from the store the
    /// first time (written to a temporary directory and renamed, so a half-written copy is never used).</summary>
    public string Materialize(string hash, string cacheRoot)
    {
        var dir = Path.Combine(cacheRoot, hash);
        if (ModelFiles.All(f => File.Exists(Path.Combine(dir, f)))) return dir;
        var tmp = $"{dir}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}";
        Directory.CreateDirectory(tmp);
        foreach (var file in ModelFiles)
        {
            var bytes = store.Load(Prefix(hash) + file)
                ?? throw new InvalidOperationException($"base {hash}: '{Prefix(hash)}{file}' is missing from the artifact store");
            File.WriteAllBytes(Path.Combine(tmp, file), bytes);
        }
        try { Directory.Move(tmp, dir); }
        catch (IOException) when (Directory.Exists(dir)) { Directory.Delete(tmp, true); } // another trial got there first
        return dir;
    }

    private sealed class Store(IArtifactStore store, string key) : ICheckpointStore
    {
        public void Save(string trialId, byte[] checkpoint) => store.Save(key, checkpoint);
        public byte[]? Load(string trialId) => store.Load(key);
    }
}
