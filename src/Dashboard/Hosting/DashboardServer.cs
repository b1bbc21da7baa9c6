using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Sweep.Dashboard.Endpoints;
using Sweep.Dashboard.Feeds;
using Sweep.Dashboard.Reports;

namespace Sweep.Dashboard.Hosting;

/// <summary>
/// The dashboard as a web application that is an Orleans client of the cluster named by <see cref="DashboardOptions"/>:
/// its own pages, and Orleans' dashboard under <c>/orleans</c>. The standalone process and <c>sweep run --dashboard</c>
/// both build it here.
/// </summary>
public static class DashboardServer
{
    public const string OrleansPrefix = "/orleans";

    public static WebApplication Build(DashboardOptions options, string[]? args = null, bool quiet = false)
    {
        if (options.Gateways.Count == 0 && options.Azure is null)
            throw new ArgumentException("the dashboard needs the cluster's gateways (--cluster host:port, or --cluster azure)");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        if (quiet) builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (options.ListenAnywhere) k.ListenAnyIP(options.Port);
            else k.Listen(IPAddress.Loopback, options.Port);
        });
        builder.UseOrleansClient(client =>
        {
            if (options.Azure is { } azure)
                client.UseAzureStorageClustering(o => { o.TableServiceClient = azure.Account.Tables(); o.TableName = azure.Table; });
            else
                client.UseStaticClustering([.. options.Gateways]);
            client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
            var attempts = 0;
            client.UseConnectionRetryFilter(async (e, ct) =>
            {
                if (Interlocked.Increment(ref attempts) == 1 && !quiet)
                    Console.Error.WriteLine($"cannot reach the cluster at {options.Describe()} yet ({e.Message}); retrying every second");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return !ct.IsCancellationRequested;
            });
            client.AddDashboard();
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ExperimentFeeds>();
        var resultsPath = options.ResultsPath ?? Path.Combine(Path.GetTempPath(), $"sweep-dashboard-{Environment.ProcessId}");
        builder.Services.AddSingleton(sp => new ResultsCache(sp.GetRequiredService<IClusterClient>(), resultsPath));

        var app = builder.Build();
        // Open event streams end as the host stops, so stopping never waits for browsers to go away.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<ExperimentFeeds>().DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
        app.MapSweepDashboard();
        app.MapOrleansDashboard(routePrefix: OrleansPrefix);
        return app;
    }

    /// <summary>The address the started application listens on (its port is known only then when <see cref="DashboardOptions.Port"/> is 0).</summary>
    public static string Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "localhost").Replace("127.0.0.1", "localhost");
}
