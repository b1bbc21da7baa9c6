using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sweep.Dashboard.Feeds;
using Sweep.Dashboard.Hosting;
using Sweep.Dashboard.Pages;
using Sweep.Dashboard.Reports;
using Sweep.Grains.Interfaces;

namespace Sweep.Dashboard.Endpoints;

/// <summary>The dashboard's routes. Everything is read-only except cancelling, which needs the configured token.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapSweepDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/static/{file}", StaticAssets.Get);
        app.MapGet("/", async (IClusterClient client) => Page(await ExperimentsPage.RenderAsync(client)));
        app.MapGet("/cluster", async (IClusterClient client) => Page(await ClusterPage.RenderAsync(client)));

        app.MapGet("/experiments/{id}", async (HttpContext context, string id, IClusterClient client, ResultsCache cache, DashboardOptions options) =>
        {
            id = ExperimentId.Of(context, id);
            var status = await client.GetGrain<IExperimentGrain>(id).GetStatus();
            if (status.State == ExperimentState.NotSubmitted)
                return Page(Html.Page("Not found", $"<h1>No experiment {Html.E(id)}</h1><p><a href=\"/\">All experiments</a></p>"), StatusCodes.Status404NotFound);
            var results = status.IsFinished ? await cache.GetAsync(id) : null;
            return Page(ExperimentPage.Render(status, results, !string.IsNullOrEmpty(options.CancelToken)));
        });
        app.MapGet("/experiments/{id}/events", (string id, HttpContext context, ExperimentFeeds feeds) => EventStream.WriteAsync(context, feeds, ExperimentId.Of(context, id)));
        app.MapGet("/experiments/{id}/results", async (HttpContext context, string id, ResultsCache cache) =>
            await cache.GetAsync(ExperimentId.Of(context, id)) is { } r
                ? Results.Content(ResultsSection.Render(r), "text/html; charset=utf-8")
                : Results.Text("the sweep has not finished yet", statusCode: StatusCodes.Status202Accepted));
        app.MapGet("/experiments/{id}/files/{**file}", async (HttpContext context, string id, string file, ResultsCache cache) =>
            ResultFiles.Get(await cache.GetAsync(ExperimentId.Of(context, id)), file));
        app.MapGet("/experiments/{id}/adapters/{file}", async (HttpContext context, string id, string file, string trial, IClusterClient client) =>
            await AdapterFiles.LoadAsync(client, ExperimentId.Of(context, id), trial, file) is { } bytes
                ? Results.File(bytes, "application/octet-stream", fileDownloadName: file)
                : Results.NotFound($"no adapter file '{file}' for trial '{trial}'"));
        app.MapPost("/experiments/{id}/cancel", CancelAsync);
        return app;
    }

    private static async Task<IResult> CancelAsync(string id, HttpRequest request, IClusterClient client, DashboardOptions options)
    {
        id = ExperimentId.Of(request.HttpContext, id);
        string? offered = request.Headers[CancelPermission.Header];
        if (string.IsNullOrEmpty(offered) && request.HasFormContentType) offered = (await request.ReadFormAsync())["token"];
        if (CancelPermission.Refusal(options.CancelToken, offered) is { } refusal) return Results.Text(refusal, statusCode: StatusCodes.Status403Forbidden);
        var grain = client.GetGrain<IExperimentGrain>(id);
        var counts = await grain.GetCounts();
        if (counts.State == ExperimentState.NotSubmitted) return Results.Text($"no experiment {id}", statusCode: StatusCodes.Status404NotFound);
        if (counts.IsFinished) return Results.Text($"{id} has already finished ({counts.State})", statusCode: StatusCodes.Status409Conflict);
        var status = await grain.Cancel();
        return Results.Text($"cancelled {id}: {status.Finished}/{status.Total} trials finished");
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
