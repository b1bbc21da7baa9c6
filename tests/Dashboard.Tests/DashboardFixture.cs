using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweep.Dashboard.Feeds;
using Sweep.Dashboard.Hosting;
using Sweep.Grains.Hosting;
using Sweep.TestSupport.Components;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// A real silo (role All, file storage, the simulated executor at 1.5 s per trial, two slots) on free loopback ports, the
/// web dashboard as a separate Orleans client of it (as the standalone dashboard or <c>sweep run --dashboard</c> run it),
/// with a cancel token, and a headless chromium. Stopped in the safe order: browser, dashboard, silo.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Token = "s3cret-token";
    private readonly TempDirectory _dir = new("dashboard");
    private IHost _silo = null!;
    private WebApplication _dashboard = null!;

    public string DataPath => _dir.Path;
    public IClusterClient Client => _silo.Services.GetRequiredService<IClusterClient>();
    public string Url { get; private set; } = "";
    public Browser Browser { get; private set; } = null!;
    public ExperimentFeeds Feeds => _dashboard.Services.GetRequiredService<ExperimentFeeds>();
    /// <summary>The silo's artifact store (file storage keeps it under its data path); the dashboard reads it through the cluster.</summary>
    public string ArtifactsPath => Path.Combine(DataPath, "artifacts");

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(2);
        var clusterId = $"dashboard-test-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddSweepSilo(o =>
        {
            o.Role = SiloRole.All;
            o.Storage = GrainStorageKind.File;
            o.DataPath = DataPath;
            o.Executor = TrialExecutorKind.Simulated;
            o.SimulatedSteps = 15;
            o.SimulatedStep = TimeSpan.FromMilliseconds(100);
            o.Slots = 2;
            o.SiloPort = ports[0];
            o.GatewayPort = ports[1];
            o.ClusterId = clusterId;
            o.PumpInterval = o.ProgressInterval = TimeSpan.FromMilliseconds(200);
        });
        _silo = builder.Build();
        await _silo.StartAsync();

        _dashboard = DashboardServer.Build(new DashboardOptions
        {
            Gateways = [new IPEndPoint(IPAddress.Loopback, ports[1])],
            ClusterId = clusterId,
            Port = 0,
            CancelToken = Token,
            ResultsPath = Path.Combine(DataPath, "dashboard"),
        }, quiet: true);
        await _dashboard.StartAsync();
        Url = DashboardServer.Url(_dashboard);
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync(); // first: open event streams would hold the dashboard's stop
        if (_dashboard is not null) { await _dashboard.StopAsync(); await _dashboard.DisposeAsync(); }
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); }
        _dir.Dispose();
    }
}
