using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sweep.Dashboard.Endpoints;

/// <summary>
/// The experiment id of an <c>/experiments/{id}/…</c> request, read from the raw request target. Routing decodes every
/// escape in a segment except <c>%2F</c>, so an id holding a '/' (possible for a spec submitted straight to the
/// experiment grain) would otherwise arrive half-decoded.
/// </summary>
public static class ExperimentId
{
    public static string Of(HttpContext context, string routed)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) return routed;
        var path = raw.Split('?', 2)[0].Split('/');
        return path.Length > 2 && path[1] == "experiments" ? Uri.UnescapeDataString(path[2]) : routed;
    }
}
