namespace Sweep.Grains.Artifacts;

/// <summary>Artifacts as files under a root directory; writes are atomic (temp file, then rename).</summary>
public sealed class LocalDirectoryArtifactStore : IArtifactStore
{
    private readonly string _root;

    public LocalDirectoryArtifactStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public void Save(string key, byte[] data)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, data);
        File.Move(temp, path, overwrite: true);
    }

    public byte[]? Load(string key)
    {
        var path = PathOf(key);
        try { return File.ReadAllBytes(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Removes the key's file; a key never saved (its directory absent too) is no error.</summary>
    public void Delete(string key)
    {
        try { File.Delete(PathOf(key)); }
        catch (DirectoryNotFoundException) { }
    }

    /// <summary>Each key segment becomes a directory; characters that are unsafe in file names are replaced.</summary>
    private string PathOf(string key)
    {
        var segments = key.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')))
            .Select(s => s is "." or ".." ? "_" : s);
        return Path.Combine([_root, .. segments]);
    }
}
