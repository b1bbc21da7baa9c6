using System.Text;
using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Static = Sweep.Dashboard.Pages.Html;

namespace Sweep.Dashboard.Pages;

/// <summary>The cluster: every active silo, and for the worker silos their accelerator, device memory and slots in use
/// (trials running there in the sweeps that are running).</summary>
public static class ClusterPage
{
    public static async Task<string> RenderAsync(IClusterClient client)
    {
        var registry = client.GetGrain<IExperimentRegistryGrain>(0);
        var workers = await registry.Workers();
        var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var running = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in await registry.List())
        {
            var grain = client.GetGrain<IExperimentGrain>(e.Id);
            if ((await grain.GetCounts()).Running == 0) continue;
            foreach (var t in (await grain.GetStatus()).Trials.Where(t => t.State == TrialState.Running))
                running[t.Silo] = running.GetValueOrDefault(t.Silo) + 1;
        }
        var sb = new StringBuilder("<h1>Cluster</h1>")
            .Append($"<p>{hosts.Count} active silo(s), {workers.Count} of them worker(s) with {workers.Sum(w => w.Slots)} slot(s).</p>")
            .Append("<table id=\"silos\"><thead><tr><th>silo</th><th>role</th><th>accelerator</th><th>device memory</th><th>slots in use</th></tr></thead><tbody>");
        foreach (var silo in hosts.Keys.Select(s => s.ToParsableString()).Order(StringComparer.Ordinal))
        {
            var w = workers.FirstOrDefault(w => w.Silo == silo);
            sb.Append($"<tr><td>{Static.E(silo)}</td>")
              .Append(w is null
                  ? "<td>control</td><td>—</td><td>—</td><td>—</td>"
                  : $"<td>worker</td><td>{Static.E(w.Accelerator)}</td><td>{Static.Bytes(w.DeviceMemory)}</td><td>{running.GetValueOrDefault(silo)} / {w.Slots}</td>")
              .Append("</tr>");
        }
        return Static.Page("Cluster", sb.Append("</tbody></table>").ToString());
    }
}
