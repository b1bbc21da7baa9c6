using System.Formats.Tar;
using System.IO.Compression;

namespace Sweep.Training.Data;

/// <summary>
/// Extracts a .tgz (an npm tarball) into a directory, dropping the leading path components the way
/// npm drops <c>package/</c>. Only regular files and directories are written; an entry that would land
/// outside the destination is refused.
/// </summary>
public static class TarGzExtractor
{
    public static int Extract(string tgzPath, string destination, int stripComponents = 1)
    {
        string root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        using var file = File.OpenRead(tgzPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        int files = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            string? relative = Strip(entry.Name, stripComponents);
            if (relative is null) continue;
            string target = Path.GetFullPath(Path.Combine(root, relative));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"tar entry '{entry.Name}' points outside the destination");

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: true);
                    files++;
                    break;
                // links, devices and metadata entries are not part of a data package: skipped.
            }
        }
        return files;
    }

    private static string? Strip(string name, int components)
    {
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= components ? null : string.Join('/', parts.Skip(components));
    }
}
