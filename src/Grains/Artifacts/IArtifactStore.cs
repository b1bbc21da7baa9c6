namespace Sweep.Grains.Artifacts;

/// <summary>
/// Where trials keep checkpoints and artifacts, by key (<c>experiment/trial/checkpoint</c>): a local directory (one machine,
/// several silo processes share it) or Azure Blob storage (a cluster across machines). Content streams in and out. Each write
/// returns the version it made; a write may require that the key still holds a given version (or nothing,
/// <see cref="ArtifactVersion.None"/>), so a late writer cannot replace what a newer one wrote (<see cref="ArtifactConflictException"/>).
/// A store that keeps a content hash checks it on every read (<see cref="ArtifactCorruptException"/> at the end of the stream).
/// Called from training threads: implementations are thread-safe and synchronous.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Writes <paramref name="content"/> (read to its end) under <paramref name="key"/>; returns the new version.</summary>
    /// <param name="expectedVersion">null: write whatever is there; <see cref="ArtifactVersion.None"/>: only if the key is absent; else only if the key holds this version.</param>
    string Write(string key, Stream content, string? expectedVersion = null);

    /// <summary>The content under <paramref name="key"/> and its version, or null when there is none.</summary>
    ArtifactRead? OpenRead(string key);

    /// <summary>Removes a key; deleting a key that does not exist is no error.</summary>
    void Delete(string key);
}

/// <summary>Whole-array reads and writes for small artifacts.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Writes a whole byte array (small artifacts).</summary>
    public static void Save(this IArtifactStore store, string key, byte[] data)
    {
        using var content = new MemoryStream(data, writable: false);
        store.Write(key, content);
    }

    /// <summary>Reads a whole artifact (small artifacts), checked as every read is; null when there is none.</summary>
    public static byte[]? Load(this IArtifactStore store, string key)
    {
        using var read = store.OpenRead(key);
        if (read is null) return null;
        using var copy = new MemoryStream();
        read.Content.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>An open artifact: its content (read it to the end for the integrity check) and the version it is.</summary>
public sealed class ArtifactRead(Stream content, string version) : IDisposable
{
    public Stream Content { get; } = content;
    public string Version { get; } = version;
    public void Dispose() => Content.Dispose();
}

public static class ArtifactVersion
{
    /// <summary>The expected version of a key that must not exist yet.</summary>
    public const string None = "";
}

/// <summary>A conditional write found another version than it expected: someone else wrote the key since.</summary>
public sealed class ArtifactConflictException(string key, string? expected)
    : IOException($"artifact {key}: not written, it changed since version '{expected}' was read (a newer attempt wrote it)");

/// <summary>An artifact's content does not match the hash stored with it.</summary>
public sealed class ArtifactCorruptException(string key, string reason) : IOException($"artifact {key}: {reason}")
{
    public string Key { get; } = key;
}
