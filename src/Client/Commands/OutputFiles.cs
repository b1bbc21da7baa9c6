using Sweep.Training;

namespace Sweep.Client.Commands;

/// <summary>Output files are checked before work starts and written whole (temp file, then rename).</summary>
public static class OutputFiles
{
    public static void EnsureWritable(string? path, string option)
    {
        if (path is null) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InvalidInputException($"{option}: directory '{dir}' does not exist");
        if (Directory.Exists(path)) throw new InvalidInputException($"{option}: '{path}' is a directory");
    }

    public static void WriteAtomically(string path, string content)
    {
        var tmp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(tmp, content);
        File.Move(tmp, path, overwrite: true);
    }
}
