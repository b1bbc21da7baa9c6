using Sweep.Training.Trials;

namespace Sweep.Training.Isolation;

/// <summary>
/// The checkpoint store inside a trial process: it resumes from the file the silo left in the work folder, and hands
/// every new checkpoint to the silo as a file plus a message (the silo owns the real store, local or remote). Each
/// checkpoint gets its own file name, so the silo never reads one that is being replaced.
/// </summary>
public sealed class HandoffCheckpoints(TrialRequest request, Action<TrialMessage> send) : ICheckpointStore
{
    private int _count;

    public byte[]? Load(string trialId) =>
        request.ResumeFile is { } path && File.Exists(path) ? File.ReadAllBytes(path) : null;

    public void Save(string trialId, byte[] checkpoint)
    {
        var n = Interlocked.Increment(ref _count);
        var path = Path.Combine(request.WorkDirectory, $"checkpoint-{n}.ckpt");
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, checkpoint);
        File.Move(tmp, path, overwrite: true);
        send(new TrialMessage { Type = TrialMessageTypes.Checkpoint, Path = path });
    }
}
