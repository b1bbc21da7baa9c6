using System.Globalization;

namespace Sweep.Grains.Artifacts;

/// <summary>
/// Artifacts as files under a root directory; writes are atomic (temp file, then rename). The version is the file's last
/// write time; a conditional write compares it just before the rename (one machine: good enough, not atomic).
/// </summary>
public sealed class LocalDirectoryArtifactStore : IArtifactStore
{
    private readonly string _root;

    public LocalDirectoryArtifactStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Write(string key, Stream content, string? expectedVersion = null)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var file = File.Create(temp)) content.CopyTo(file);
        if (expectedVersion is not null && VersionOf(path) != expectedVersion)
        {
            File.Delete(temp);
            throw new ArtifactConflictException(key, expectedVersion);
        }
        File.Move(temp, path, overwrite: true);
        return VersionOf(path);
    }

    public ArtifactRead? OpenRead(string key)
    {
        var path = PathOf(key);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            return new ArtifactRead(stream, VersionOf(path));
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Removes the key's file; a key never saved (its directory absent too) is no error.</summary>
    public void Delete(string key)
    {
        try { File.Delete(PathOf(key)); }
        catch (DirectoryNotFoundException) { }
    }

    private static string VersionOf(string path) =>
        File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks.ToString(CultureInfo.InvariantCulture) : ArtifactVersion.None;

    /// <summary>Each key segment becomes a directory; characters that are unsafe in file names are replaced.</summary>
    private string PathOf(string key)
    {
        var segments = key.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')))
            .Select(s => s is "." or ".." ? "_" : s);
        return Path.Combine([_root, .. segments]);
    }
}
