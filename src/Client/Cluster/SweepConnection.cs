using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Training;

namespace Sweep.Client.Cluster;

/// <summary>
/// A cluster client for one console command: either connected to a running cluster's gateways
/// (<c>--cluster host:port[,host:port]</c>, or <c>--cluster azure</c>: the gateways listed in the Azure Table membership table) or an embedded silo in this process with local file storage (the default of <c>run</c>).
/// </summary>
public sealed class SweepConnection : IAsyncDisposable
{
    private readonly IHost _host;
    public IClusterClient Client { get; }
    /// <summary>Where an embedded silo keeps state and checkpoints; null for a remote cluster.</summary>
    public string? LocalDataPath { get; }
    /// <summary>The gateways and cluster id another client of the same cluster connects with (the web dashboard).</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; }
    public string ClusterId { get; }
    /// <summary>With <c>--cluster azure</c>: the membership table the gateways come from (null otherwise).</summary>
    public AzureCluster? Azure { get; private init; }

    private SweepConnection(IHost host, string? dataPath, IReadOnlyList<IPEndPoint> gateways, string clusterId)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
        LocalDataPath = dataPath;
        Gateways = gateways;
        ClusterId = clusterId;
    }

    public const string DefaultCluster = "localhost:30000";

    /// <summary>
    /// Connects to the cluster's gateways, retrying for at most <paramref name="timeout"/>; then gives up with what was
    /// tried (the addresses, the attempts, the time). An interrupt while connecting is a cancellation, nothing else.
    /// The first failed attempt is told on <paramref name="notices"/>, so a person knows why nothing happens yet.
    /// </summary>
    public static async Task<SweepConnection> ConnectAsync(string cluster, TimeSpan timeout, CancellationToken ct, TextWriter? notices = null)
    {
        var azure = AzureCluster.Names(cluster) ? AzureCluster.FromEnvironment() : null;
        var endpoints = azure is null ? ParseEndpoints(cluster) : [];
        var attempts = 0;
        string? lastError = null;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        builder.UseOrleansClient(c =>
        {
            if (azure is null) c.UseStaticClustering(endpoints);
            else c.UseAzureStorageClustering(o => { o.TableServiceClient = azure.Account.Tables(); o.TableName = azure.Table; });
            c.Configure<ClusterOptions>(o => { o.ClusterId = azure?.ClusterId ?? "sweep"; o.ServiceId = azure?.ServiceId ?? "sweep"; });
            c.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = timeout < o.OpenConnectionTimeout ? timeout : o.OpenConnectionTimeout);
            c.UseConnectionRetryFilter(async (e, token) =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                    notices?.WriteLine($"cannot reach {cluster} yet ({Secrets.Redact(e.Message)}); retrying for up to {timeout.TotalSeconds:0.#} s (Ctrl-C to stop)");
                lastError = Secrets.Redact(e.Message);
                try { await Task.Delay(RetryDelay, token); } catch (OperationCanceledException) { return false; }
                return !token.IsCancellationRequested;
            });
        });
        var host = builder.Build();
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await host.StartAsync(deadline.Token);
        }
        catch (Exception e)
        {
            host.Dispose();
            if (ct.IsCancellationRequested) throw new OperationCanceledException("cancelled while connecting", e, ct);
            var tries = Math.Max(attempts, 1);
            throw new ClusterUnreachableException(
                $"cannot reach the cluster at {cluster}: tried {azure?.Describe() ?? string.Join(", ", endpoints.Select(p => p.ToString()))} " +
                $"{tries} time(s) over {clock.Elapsed.TotalSeconds:F1} s (connect timeout {timeout.TotalSeconds:0.#} s; " +
                $"--connect-timeout or {ConnectTimeout.Variable} to change it): {lastError ?? Secrets.Redact(e.Message)}");
        }
        return new SweepConnection(host, null, endpoints, azure?.ClusterId ?? "sweep") { Azure = azure };
    }

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Starts a silo (role all, local file storage under <paramref name="dataPath"/>) inside this process, on free loopback ports.</summary>
    /// <param name="threadsPerTrial">the spec's torch threads per trial: the silo gets cores / threads slots (1 when unset: a trial then uses every core).</param>
    /// <param name="httpPort">port of the silo's /metrics, /healthz and /readyz; 0 = none.</param>
    /// <param name="trialProcesses">whether each training trial runs in a child process of its own (false: in this process).</param>
    public static async Task<SweepConnection> StartEmbeddedAsync(string dataPath, bool simulate, int? threadsPerTrial, CancellationToken ct, int httpPort = 0, bool trialProcesses = true)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var machine = EmbeddedSiloSettings.Read(Environment.GetEnvironmentVariable); // bad input fails here, before anything starts
        var clusterId = $"embedded-{Environment.ProcessId}";
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        builder.AddSweepSilo(o =>
        {
            o.Role = SiloRole.All;
            o.Storage = GrainStorageKind.File;
            o.DataPath = dataPath;
            o.Executor = simulate ? TrialExecutorKind.Simulated : TrialExecutorKind.Training;
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            o.HttpPort = httpPort;
            o.TrialProcesses = trialProcesses;
            o.ClusterId = clusterId;
            o.PumpInterval = TimeSpan.FromSeconds(0.5);
            o.ProgressInterval = TimeSpan.FromSeconds(0.5);
            o.Slots = threadsPerTrial is { } t ? Math.Max(1, Environment.ProcessorCount / t) : 1;
            machine(o);
        });
        var host = builder.Build();
        await host.StartAsync(ct);
        var connection = new SweepConnection(host, dataPath, [new IPEndPoint(IPAddress.Loopback, gatewayPort)], clusterId);
        await connection.WaitForWorkersAsync(TimeSpan.FromSeconds(30), ct);
        return connection;
    }

    /// <summary>
    /// Waits until the cluster lists a worker silo. A silo that has just started can take a moment to see itself in the
    /// cluster's silo metadata; a spec checked against the workers before then would be refused for want of any.
    /// </summary>
    private async Task WaitForWorkersAsync(TimeSpan within, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var registry = Client.GetGrain<IExperimentRegistryGrain>(0);
        while ((await registry.Workers()).Count == 0)
        {
            if (clock.Elapsed > within)
                throw new InvalidOperationException($"the embedded silo did not list itself as a worker within {within.TotalSeconds:0} s");
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    /// <summary>Checks <c>--cluster</c> before connecting: <c>azure</c> with its account in the environment, or gateways.</summary>
    public static void CheckCluster(string cluster)
    {
        if (AzureCluster.Names(cluster)) AzureCluster.FromEnvironment();
        else ParseEndpoints(cluster);
    }

    /// <summary>The gateways of <c>--cluster host:port[,host:port]</c>; a malformed one is bad input.</summary>
    public static IPEndPoint[] ParseEndpoints(string cluster)
    {
        var endpoints = cluster.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => IPEndPoint.TryParse(e.Replace("localhost", "127.0.0.1"), out var ep) && ep.Port > 0 ? ep
                : throw new InvalidInputException($"--cluster: '{e}' is not host:port"))
            .ToArray();
        return endpoints.Length > 0 ? endpoints : throw new InvalidInputException("--cluster: no host:port given");
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _host.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>The cluster could not be reached (exit 1).</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
