using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sweep.Grains.Artifacts;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// Checkpoints of one attempt of an experiment's trials in an artifact store, under <c>experiment/trial/checkpoint</c>.
/// The attempt remembers the version it read or last wrote, and writes only over that version: once a newer attempt
/// (after this one's silo was given up for dead) has written, this one's late writes fail with <see cref="ArtifactConflictException"/>
/// instead of replacing a newer checkpoint. A checkpoint that fails its integrity check is not loaded: the attempt starts
/// from step 0 and says so in a warning.
/// </summary>
public sealed class ArtifactCheckpoints(IArtifactStore store, string experimentId, ILogger? logger = null) : ICheckpointStore
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Dictionary<string, string> _versions = new();
    private readonly Lock _lock = new();

    public static string KeyOf(string experimentId, string trialId) => $"{experimentId}/{trialId}/checkpoint";

    /// <summary>The reason the last load ignored a stored checkpoint, if it did.</summary>
    public string? Warning { get; private set; }

    public void Save(string trialId, byte[] checkpoint)
    {
        var key = KeyOf(experimentId, trialId);
        string? expected;
        lock (_lock) expected = _versions.GetValueOrDefault(key);
        using var content = new MemoryStream(checkpoint, writable: false);
        var version = store.Write(key, content, expected);
        lock (_lock) _versions[key] = version;
    }

    public byte[]? Load(string trialId)
    {
        var key = KeyOf(experimentId, trialId);
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
}
