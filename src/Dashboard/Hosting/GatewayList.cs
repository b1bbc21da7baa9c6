using System.Net;

namespace Sweep.Dashboard.Hosting;

/// <summary>The gateways of <c>--cluster host:port[,host:port]</c>, as the console reads them.</summary>
public static class GatewayList
{
    public static IPEndPoint[] Parse(string cluster)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var e in cluster.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPEndPoint.TryParse(e.Replace("localhost", "127.0.0.1"), out var ep) || ep.Port <= 0)
                throw new ArgumentException($"--cluster: '{e}' is not host:port");
            endpoints.Add(ep);
        }
        return endpoints.Count > 0 ? [.. endpoints] : throw new ArgumentException("--cluster: no host:port given");
    }
}
