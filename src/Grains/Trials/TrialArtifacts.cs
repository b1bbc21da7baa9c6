using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sweep.Grains.Artifacts;
using Sweep.Training.Peft;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// What one experiment's trials keep in the artifact store, and the only code that names its keys: each trial's last
/// checkpoint (<c>experiment/trial/checkpoint</c>, deleted when the trial finishes unless the spec keeps it) and its final
/// adapter in PEFT format (<c>experiment/trial/adapter/adapter_model.safetensors</c> and <c>…/adapter_config.json</c>).
/// Synchronous, as the store is: call it from a training thread or off the grain scheduler.
/// <para>
/// One instance serves one attempt. It remembers the checkpoint version it read or last wrote and writes only over that
/// version: once a newer attempt (after this one's silo was given up for dead) has written, this one's late writes fail
/// with <see cref="ArtifactConflictException"/> instead of replacing a newer checkpoint. A checkpoint that fails its
/// integrity check is not loaded: the attempt starts from step 0 and says so in a warning. Each checkpoint write is timed
/// and told to <paramref name="checkpointWritten"/> (seconds, bytes) once it succeeded.
/// </para>
/// </summary>
public sealed class TrialArtifacts(IArtifactStore store, string experimentId, Action<double, long>? checkpointWritten = null,
    ILogger? logger = null) : ICheckpointStore
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Dictionary<string, string> _versions = new();
    private readonly Lock _lock = new();

    public static string CheckpointKey(string experimentId, string trialId) => $"{experimentId}/{trialId}/checkpoint";

    public static string AdapterKey(string experimentId, string trialId, string file) => $"{experimentId}/{trialId}/adapter/{file}";

    /// <summary>The reason the last load ignored a stored checkpoint, if it did.</summary>
    public string? Warning { get; private set; }

    public void Save(string trialId, byte[] checkpoint)
    {
        var key = CheckpointKey(experimentId, trialId);
        string? expected;
        lock (_lock) expected = _versions.GetValueOrDefault(key);
        var start = Stopwatch.GetTimestamp();
        using var content = new MemoryStream(checkpoint, writable: false);
        var version = store.Write(key, content, expected);
        lock (_lock) _versions[key] = version;
        checkpointWritten?.Invoke(Stopwatch.GetElapsedTime(start).TotalSeconds, checkpoint.LongLength);
    }

    public byte[]? Load(string trialId)
    {
        var key = CheckpointKey(experimentId, trialId);
        using var read = store.OpenRead(key);
        if (read is null)
        {
            lock (_lock) _versions[key] = ArtifactVersion.None;
            return null;
        }
        lock (_lock) _versions[key] = read.Version; // a write over a corrupted checkpoint is fine; over a newer one is not
        using var copy = new MemoryStream();
        try
        {
            read.Content.CopyTo(copy);
        }
        catch (ArtifactCorruptException e)
        {
            Warning = $"{e.Message}; the checkpoint is ignored and the trial starts again from step 0";
            _logger.LogWarning("Trial {Trial}: {Warning}", trialId, Warning);
            return null;
        }
        return copy.ToArray();
    }

    public void DeleteCheckpoint(string trialId) => store.Delete(CheckpointKey(experimentId, trialId));

    /// <summary>Stores the adapter: the weights first, so that a config present means a complete adapter.</summary>
    public void SaveAdapter(string trialId, PeftAdapterFiles adapter)
    {
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName), adapter.Model);
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName), System.Text.Encoding.UTF8.GetBytes(adapter.Config));
    }

    /// <summary>The trial's adapter, or null when none was stored (a trial that did not complete, or a simulated one).</summary>
    public PeftAdapterFiles? LoadAdapter(string trialId)
    {
        var config = store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName));
        var model = config is null ? null : store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName));
        return model is null ? null : new PeftAdapterFiles(model, System.Text.Encoding.UTF8.GetString(config!));
    }
}
