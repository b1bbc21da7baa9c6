using Sweep.Dashboard.Pages;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Trials;

namespace Sweep.Dashboard.Reports;

/// <summary>
/// A trained adapter's files in the silos' artifact store, under the keys <see cref="TrialArtifacts.AdapterKey"/> names.
/// </summary>
public static class AdapterFiles
{
    public static readonly IReadOnlyList<string> Names = [Training.Peft.PeftAdapterFiles.ModelFileName, Training.Peft.PeftAdapterFiles.ConfigFileName];

    /// <summary>The file's bytes when the store holds it; null otherwise, and for any name that is not an adapter file.</summary>
    public static byte[]? Load(IArtifactStore store, string experimentId, string trialId, string file) =>
        Names.Contains(file) ? store.Load(TrialArtifacts.AdapterKey(experimentId, trialId, file)) : null;

    /// <summary>Whether the store holds the file, without reading it (a page lists every completed trial's adapter).</summary>
    public static bool Exists(IArtifactStore store, string experimentId, string trialId, string file)
    {
        if (!Names.Contains(file)) return false;
        using var read = store.OpenRead(TrialArtifacts.AdapterKey(experimentId, trialId, file));
        return read is not null;
    }

    public static string Url(string experimentId, string trialId, string file) =>
        $"{Html.ExperimentPath(experimentId)}/adapters/{Html.U(file)}?trial={Html.U(trialId)}";
}
