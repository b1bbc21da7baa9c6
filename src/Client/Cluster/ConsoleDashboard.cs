using Microsoft.AspNetCore.Builder;
using Sweep.Dashboard.Hosting;

namespace Sweep.Client.Cluster;

/// <summary>
/// <c>sweep run --dashboard</c>: the web dashboard in the console process, a second client of the same cluster (the
/// embedded silo's gateway, or the <c>--cluster</c> gateways). It lives as long as the command; cancelling from the page
/// needs <c>Dashboard__CancelToken</c> in the environment.
/// </summary>
public static class ConsoleDashboard
{
    public const string TokenVariable = "Dashboard__CancelToken";

    public static async Task<WebApplication> StartAsync(SweepConnection connection, int port, TextWriter stdout, CancellationToken ct)
    {
        var options = new DashboardOptions
        {
            Gateways = connection.Gateways,
            Azure = connection.Azure,
            ClusterId = connection.ClusterId,
            ServiceId = connection.Azure?.ServiceId ?? "sweep",
            Port = port,
            CancelToken = Environment.GetEnvironmentVariable(TokenVariable),
            ResultsPath = connection.LocalDataPath is { } d ? Path.Combine(d, "dashboard") : null,
        };
        var app = DashboardServer.Build(options, quiet: true);
        try { await app.StartAsync(ct); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new Sweep.Training.InvalidInputException($"--dashboard-port: cannot listen on port {port}: {e.Message}");
        }
        stdout.WriteLine($"dashboard: {DashboardServer.Url(app)} ({(string.IsNullOrEmpty(options.CancelToken) ? "read-only; set " + TokenVariable + " to allow cancelling" : "cancel with the token")})");
        return app;
    }

    public static async Task StopAsync(WebApplication? app)
    {
        if (app is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await app.DisposeAsync();
    }
}
