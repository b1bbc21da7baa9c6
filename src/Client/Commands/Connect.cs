using Sweep.Client.Cluster;

namespace Sweep.Client.Commands;

/// <summary>Connecting the cluster verbs to <c>--cluster</c> (default localhost:30000); an unreachable cluster is a runtime failure (exit 1).</summary>
internal static class Connect
{
    public static async Task<SweepConnection> Cluster(string? cluster, CancellationToken ct) =>
        await SweepConnection.ConnectAsync(cluster ?? SweepConnection.DefaultCluster, ct);
}
