using System.Net;
using System.Net.Sockets;

namespace Sweep.TestSupport.Components;

/// <summary>Loopback ports nobody listens on right now, for components a test starts itself.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free ports on <paramref name="address"/> (default 127.0.0.1). The listeners that
    /// found them are held until all are chosen, so the same port is never returned twice.
    /// </summary>
    public static int[] Take(int count, IPAddress? address = null)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    /// <summary>Waits until something accepts TCP connections on <paramref name="port"/>, or the deadline passes.</summary>
    public static async Task<bool> WaitForListenerAsync(string host, int port, TimeSpan timeout, Func<bool>? gaveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (gaveUp?.Invoke() == true) return false;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(2));
                return true;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
        return false;
    }
}
