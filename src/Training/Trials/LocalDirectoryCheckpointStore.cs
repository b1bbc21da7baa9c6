namespace Sweep.Training.Trials;

/// <summary>Checkpoints as files <c>DIR/&lt;trial id&gt;.ckpt</c>, written to a temp file and renamed (atomic).</summary>
public sealed class LocalDirectoryCheckpointStore(string directory) : ICheckpointStore
{
    public string Directory { get; } = directory;

    public void Save(string trialId, byte[] checkpoint)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(trialId);
        var tmp = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(tmp, checkpoint);
        File.Move(tmp, path, overwrite: true);
    }

    public byte[]? Load(string trialId)
    {
        var path = PathOf(trialId);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private string PathOf(string trialId)
    {
        var safe = string.Concat(trialId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Directory, safe + ".ckpt");
    }
}
