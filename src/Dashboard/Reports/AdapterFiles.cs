using Sweep.Dashboard.Pages;
using Sweep.Grains.Interfaces;
using Sweep.Training.Peft;

namespace Sweep.Dashboard.Reports;

/// <summary>
/// A trained adapter's two files, read through the cluster (<see cref="IAdapterGrain"/>): whatever the silos' artifact
/// store is (a local directory, Azure Blob storage), the dashboard needs no access of its own to it.
/// </summary>
public static class AdapterFiles
{
    public static readonly IReadOnlyList<string> Names = [PeftAdapterFiles.ModelFileName, PeftAdapterFiles.ConfigFileName];

    /// <summary>The file's bytes when the cluster holds the trial's adapter; null otherwise, and for any name that is not an adapter file.</summary>
    public static async Task<byte[]?> LoadAsync(IClusterClient client, string experimentId, string trialId, string file)
    {
        if (!Names.Contains(file)) return null;
        var adapter = await client.GetGrain<IAdapterGrain>(experimentId).Get(trialId);
        if (adapter is null) return null;
        return file == PeftAdapterFiles.ModelFileName ? adapter.Model : System.Text.Encoding.UTF8.GetBytes(adapter.Config);
    }

    public static string Url(string experimentId, string trialId, string file) =>
        $"{Html.ExperimentPath(experimentId)}/adapters/{Html.U(file)}?trial={Html.U(trialId)}";
}
