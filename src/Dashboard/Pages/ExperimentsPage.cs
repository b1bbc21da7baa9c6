using System.Text;
using Sweep.Dashboard.Feeds;
using Sweep.Grains.Interfaces;
using Static = Sweep.Dashboard.Pages.Html;

namespace Sweep.Dashboard.Pages;

/// <summary>The front page: every experiment the cluster knows, newest first, with its state counts, progress and ETA.</summary>
public static class ExperimentsPage
{
    public static async Task<string> RenderAsync(IClusterClient client)
    {
        var entries = await client.GetGrain<IExperimentRegistryGrain>(0).List();
        var rows = await Task.WhenAll(entries.OrderByDescending(e => e.SubmittedAt).Select(async e => (Entry: e, Status: await client.GetGrain<IExperimentGrain>(e.Id).GetStatus())));
        var sb = new StringBuilder("<h1>Experiments</h1>");
        if (rows.Length == 0) return Static.Page("Experiments", sb.Append("<p>No experiment has been submitted to this cluster yet.</p>").ToString());
        sb.Append("<table id=\"experiments\"><thead><tr><th>experiment</th><th>state</th><th>trials by state</th><th>progress</th><th>ETA</th><th>submitted</th></tr></thead><tbody>");
        var now = DateTimeOffset.UtcNow;
        foreach (var (e, s) in rows)
        {
            var percent = s.Total == 0 ? 0 : 100.0 * s.Finished / s.Total;
            var counts = string.Join(", ", Enum.GetValues<Sweep.Settings.TrialState>().Where(t => s.Count(t) > 0).Select(t => $"{s.Count(t)} {t}"));
            var eta = s.IsFinished ? "done" : Eta.Format(Eta.Estimate(s.SubmittedAt, now, s.Finished, s.Total));
            sb.Append($"<tr><td><a href=\"{Static.ExperimentPath(e.Id)}\">{Static.E(e.Name)}</a><div class=\"id\">{Static.E(e.Id)}</div></td>")
              .Append($"<td class=\"state-{s.State}\">{s.State}</td><td>{Static.E(counts)}</td>")
              .Append($"<td><progress max=\"100\" value=\"{Static.N(percent, "0.#")}\"></progress> {s.Finished}/{s.Total}</td>")
              .Append($"<td>{eta}</td><td>{e.SubmittedAt:yyyy-MM-dd HH:mm:ss} UTC</td></tr>");
        }
        return Static.Page("Experiments", sb.Append("</tbody></table>").ToString());
    }
}
