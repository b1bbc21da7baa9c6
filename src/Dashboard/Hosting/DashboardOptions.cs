using System.Net;
using Sweep.Grains.AzureStorage;

namespace Sweep.Dashboard.Hosting;

/// <summary>
/// How a dashboard is hosted: the cluster it is a client of, where it listens, and the one setting that lets a person
/// change anything (<see cref="CancelToken"/>). Section <c>Dashboard</c> of the configuration (<c>Dashboard__CancelToken</c>).
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The cluster's gateways (when <see cref="Azure"/> is null).</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; set; } = [];

    /// <summary><c>--cluster azure</c>: the gateways are read from this Azure Table membership table, as the console does.</summary>
    public AzureCluster? Azure { get; set; }

    /// <summary>The cluster as a person reads it in messages (no secret).</summary>
    public string Describe() => Azure?.Describe() ?? string.Join(",", Gateways);
    public string ClusterId { get; set; } = "sweep";
    public string ServiceId { get; set; } = "sweep";

    /// <summary>HTTP port; 0 picks a free one (the URL is known once started).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Listen on every interface instead of loopback only (a dashboard in a container or pod).</summary>
    public bool ListenAnywhere { get; set; }

    /// <summary>Cancelling a sweep from the page needs this token; when unset (the default) the dashboard is read-only.</summary>
    public string? CancelToken { get; set; }

    /// <summary>Where the result files of finished sweeps are written once, to be served (default: a folder under the temp directory).</summary>
    public string? ResultsPath { get; set; }
}
