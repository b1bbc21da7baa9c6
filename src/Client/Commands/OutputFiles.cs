using Sweep.Training;

namespace Sweep.Client.Commands;

/// <summary>Output files and directories are checked before work starts and written whole (temp file, then rename).</summary>
public static class OutputFiles
{
    public static void EnsureWritable(string? path, string option)
    {
        if (path is null) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InvalidInputException($"{option}: directory '{dir}' does not exist");
        if (Directory.Exists(path)) throw new InvalidInputException($"{option}: '{path}' is a directory");
    }

    /// <summary>
    /// An output directory can be used: it is a directory or can be created as one (nothing on the way is a file), and
    /// the nearest directory that exists accepts new files. Creates nothing but a probe file it removes at once.
    /// </summary>
    public static void EnsureDirectoryUsable(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new InvalidInputException($"{option}: '{path}' is a file, not a directory");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) throw new InvalidInputException($"{option}: '{path}' cannot be created");
            if (File.Exists(parent)) throw new InvalidInputException($"{option}: '{path}' cannot be created: '{parent}' is a file");
            existing = parent;
        }
        var probe = Path.Combine(existing, $".sweep-write-check-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{option}: '{path}' is not writable ('{existing}' does not accept new files: {e.Message})");
        }
    }

    public static void WriteAtomically(string path, string content)
    {
        var tmp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(tmp, content);
        File.Move(tmp, path, overwrite: true);
    }
}
