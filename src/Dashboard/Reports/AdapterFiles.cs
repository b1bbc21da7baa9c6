using Sweep.Dashboard.Pages;
using Sweep.Grains.Artifacts;

namespace Sweep.Dashboard.Reports;

/// <summary>
/// A trained adapter's files in the silos' artifact store, under the artifact keys
/// <c>&lt;experiment&gt;/&lt;trial&gt;/adapter/adapter_model.safetensors</c> and <c>…/adapter_config.json</c>.
/// </summary>
public static class AdapterFiles
{
    public static readonly IReadOnlyList<string> Names = ["adapter_model.safetensors", "adapter_config.json"];

    /// <summary>The file's bytes when the store holds it; null otherwise, and for any name that is not an adapter file.</summary>
    public static byte[]? Load(IArtifactStore store, string experimentId, string trialId, string file) =>
        Names.Contains(file) ? store.Load($"{experimentId}/{trialId}/adapter/{file}") : null;

    public static string Url(string experimentId, string trialId, string file) =>
        $"{Html.ExperimentPath(experimentId)}/adapters/{Html.U(file)}?trial={Html.U(trialId)}";
}
