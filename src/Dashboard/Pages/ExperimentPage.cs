using System.Text;
using Sweep.Dashboard.Reports;
using Sweep.Grains.Interfaces;
using Static = Sweep.Dashboard.Pages.Html;

namespace Sweep.Dashboard.Pages;

/// <summary>
/// One experiment: its header, the live trial table (filled and kept current by the page script from the experiment's
/// event stream), the cancel form, and the results once the sweep has finished.
/// </summary>
public static class ExperimentPage
{
    public static string Render(ExperimentStatus status, FinishedResults? results, bool canCancel)
    {
        var id = status.Id;
        var path = Static.ExperimentPath(id);
        var sb = new StringBuilder();
        sb.Append($"<h1 id=\"name\">{Static.E(status.Name)}</h1><p class=\"id\">{Static.E(id)}</p>")
          .Append($"<p>State: <strong id=\"state\">{status.State}</strong> · <span id=\"progress\">{status.Finished}/{status.Total} finished</span> · ETA <span id=\"eta\">—</span></p>")
          .Append("<p id=\"counts\"></p>");
        sb.Append($"<section id=\"live\" data-events=\"{path}/events\" data-results=\"{path}/results\">")
          .Append("<h2>Trials</h2><p id=\"abridged\" hidden>A large sweep: only running and unsuccessful trials are listed.</p>")
          .Append("<table id=\"trials\"><thead><tr><th>trial</th><th>state</th><th>silo</th><th>accelerator</th><th>step</th><th>loss</th><th>samples/s</th><th>attempts</th><th>error</th></tr></thead><tbody></tbody></table></section>");
        if (!status.IsFinished)
            sb.Append($"<section id=\"cancel\"><h2>Cancel</h2><form data-cancel=\"{path}/cancel\">")
              .Append(canCancel
                  ? "<label>Token <input type=\"password\" name=\"token\" autocomplete=\"off\"></label> <button type=\"submit\">Cancel sweep</button>"
                  : "<p>This dashboard is read-only (no cancel token is configured).</p><button type=\"submit\">Cancel sweep</button>")
              .Append("</form><p id=\"cancel-message\" role=\"status\"></p></section>");
        sb.Append("<section id=\"results\">")
          .Append(results is null ? "<p class=\"pending\">Results appear here when the sweep has finished.</p>" : ResultsSection.Render(results))
          .Append("</section>");
        return Static.Page(status.Name.Length > 0 ? status.Name : id, sb.ToString());
    }
}
