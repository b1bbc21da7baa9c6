using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sweep.Grains.Hosting;

/// <summary>The address a silo advertises to the cluster: the configured one, else the first up, non-loopback IPv4 address.</summary>
public static class AdvertisedAddresses
{
    public static IPAddress Resolve(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? IPAddress.Parse(configured.Trim()) : Detect();

    /// <summary>The first IPv4 address of an interface that is up and not loopback (Ethernet and Wi-Fi before others); loopback when none.</summary>
    public static IPAddress Detect()
    {
        var candidates = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(n => n.NetworkInterfaceType is NetworkInterfaceType.Ethernet or NetworkInterfaceType.Wireless80211 ? 0 : 1)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !a.ToString().StartsWith("169.254.", StringComparison.Ordinal));
        return candidates.FirstOrDefault() ?? IPAddress.Loopback;
    }
}
