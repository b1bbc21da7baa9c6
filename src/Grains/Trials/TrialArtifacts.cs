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
        using var content = new MemoryStream(checkpoint, writable: false);
        Write(trialId, content);
    }

    /// <summary>Streams the checkpoint file into the store (a trial process's checkpoints arrive as files).</summary>
    public void SaveFile(string trialId, string file)
    {
        using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Write(trialId, content);
    }

    public byte[]? Load(string trialId)
    {
        using var copy = new MemoryStream();
        return Read(trialId, copy) ? copy.ToArray() : null;
    }

    /// <summary>Streams the checkpoint into <paramref name="file"/>; a corrupted one leaves no file behind.</summary>
    public bool LoadToFile(string trialId, string file)
    {
        bool found;
        using (var target = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            found = Read(trialId, target);
        if (!found) File.Delete(file);
        return found;
    }

    private void Write(string trialId, Stream content)
    {
        var key = CheckpointKey(experimentId, trialId);
        string? expected;
        lock (_lock) expected = _versions.GetValueOrDefault(key);
        var start = Stopwatch.GetTimestamp();
        var version = store.Write(key, content, expected);
        lock (_lock) _versions[key] = version;
        checkpointWritten?.Invoke(Stopwatch.GetElapsedTime(start).TotalSeconds, content.Length);
    }

    /// <summary>Copies the trial's checkpoint into <paramref name="target"/>; false when there is none or it fails its
    /// integrity check (then the attempt starts from step 0, with a warning).</summary>
    private bool Read(string trialId, Stream target)
    {
        var key = CheckpointKey(experimentId, trialId);
        using var read = store.OpenRead(key);
        if (read is null)
        {
            lock (_lock) _versions[key] = ArtifactVersion.None;
            return false;
        }
        lock (_lock) _versions[key] = read.Version; // a write over a corrupted checkpoint is fine; over a newer one is not
        try
        {
            read.Content.CopyTo(target);
            return true;
        }
        catch (ArtifactCorruptException e)
        {
            Warning = $"{e.Message}; the checkpoint is ignored and the trial starts again from step 0";
            _logger.LogWarning("Trial {Trial}: {Warning}", trialId, Warning);
            return false;
        }
    }

    public void DeleteCheckpoint(string trialId) => store.Delete(CheckpointKey(experimentId, trialId));

    /// <summary>Stores the adapter: the weights first, so that a config present means a complete adapter.</summary>
    public void SaveAdapter(string trialId, PeftAdapterFiles adapter)
    {
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName), adapter.Model);
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName), System.Text.Encoding.UTF8.GetBytes(adapter.Config));
    }

    /// <summary>Whether the trial's adapter is stored, read from its config alone (written last, see <see cref="SaveAdapter"/>).</summary>
    public bool HasAdapter(string trialId)
    {
        using var config = store.OpenRead(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName));
        return config is not null;
    }

    /// <summary>The trial's adapter, or null when none was stored (a trial that did not complete, or a simulated one).</summary>
    public PeftAdapterFiles? LoadAdapter(string trialId)
    {
        var config = store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName));
        var model = config is null ? null : store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName));
        return model is null ? null : new PeftAdapterFiles(model, System.Text.Encoding.UTF8.GetString(config!));
    }
}
