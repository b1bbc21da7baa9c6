using System.Diagnostics;
using Sweep.Grains.Artifacts;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// Checkpoints of one experiment's trials in an artifact store, under <c>experiment/trial/checkpoint</c>. Each write is
/// timed and told to <paramref name="written"/> (seconds, bytes) once it succeeded.
/// </summary>
public sealed class ArtifactCheckpoints(IArtifactStore store, string experimentId, Action<double, long>? written = null) : ICheckpointStore
{
    public static string KeyOf(string experimentId, string trialId) => $"{experimentId}/{trialId}/checkpoint";

    public void Save(string trialId, byte[] checkpoint)
    {
        var start = Stopwatch.GetTimestamp();
        store.Save(KeyOf(experimentId, trialId), checkpoint);
        written?.Invoke(Stopwatch.GetElapsedTime(start).TotalSeconds, checkpoint.LongLength);
    }

    public byte[]? Load(string trialId) => store.Load(KeyOf(experimentId, trialId));
}
