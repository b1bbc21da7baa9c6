using System.Diagnostics;
using Sweep.Grains.Artifacts;
using Sweep.Training.Peft;
using Sweep.Training.Trials;

namespace Sweep.Grains.Trials;

/// <summary>
/// What one experiment's trials keep in the artifact store, and the only code that names its keys: each trial's last
/// checkpoint (<c>experiment/trial/checkpoint</c>, deleted when the trial finishes unless the spec keeps it) and its final
/// adapter in PEFT format (<c>experiment/trial/adapter/adapter_model.safetensors</c> and <c>…/adapter_config.json</c>).
/// Synchronous, as the store is: call it from a training thread or off the grain scheduler. Each checkpoint write is timed
/// and told to <paramref name="checkpointWritten"/> (seconds, bytes) once it succeeded.
/// </summary>
public sealed class TrialArtifacts(IArtifactStore store, string experimentId, Action<double, long>? checkpointWritten = null) : ICheckpointStore
{
    public static string CheckpointKey(string experimentId, string trialId) => $"{experimentId}/{trialId}/checkpoint";

    public static string AdapterKey(string experimentId, string trialId, string file) => $"{experimentId}/{trialId}/adapter/{file}";

    public void Save(string trialId, byte[] checkpoint)
    {
        var start = Stopwatch.GetTimestamp();
        store.Save(CheckpointKey(experimentId, trialId), checkpoint);
        checkpointWritten?.Invoke(Stopwatch.GetElapsedTime(start).TotalSeconds, checkpoint.LongLength);
    }

    public byte[]? Load(string trialId) => store.Load(CheckpointKey(experimentId, trialId));

    public void DeleteCheckpoint(string trialId) => store.Delete(CheckpointKey(experimentId, trialId));

    /// <summary>Stores the adapter: the weights first, so that a config present means a complete adapter.</summary>
    public void SaveAdapter(string trialId, PeftAdapterFiles adapter)
    {
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName), adapter.Model);
        store.Save(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName), System.Text.Encoding.UTF8.GetBytes(adapter.Config));
    }

    /// <summary>The trial's adapter, or null when none was stored (a trial that did not complete, or a simulated one).</summary>
    public PeftAdapterFiles? LoadAdapter(string trialId)
    {
        var config = store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ConfigFileName));
        var model = config is null ? null : store.Load(AdapterKey(experimentId, trialId, PeftAdapterFiles.ModelFileName));
        return model is null ? null : new PeftAdapterFiles(model, System.Text.Encoding.UTF8.GetString(config!));
    }
}
