using Sweep.Grains.Artifacts;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>Checkpoints of one experiment's trials in an artifact store, under <c>experiment/trial/checkpoint</c>.</summary>
public sealed class ArtifactCheckpoints(IArtifactStore store, string experimentId) : ICheckpointStore
{
    public static string KeyOf(string experimentId, string trialId) => $"{experimentId}/{trialId}/checkpoint";

    public void Save(string trialId, byte[] checkpoint) => store.Save(KeyOf(experimentId, trialId), checkpoint);

    public byte[]? Load(string trialId) => store.Load(KeyOf(experimentId, trialId));
}
