namespace Sweep.Grains.Telemetry;

/// <summary>The silo's HTTP port (<c>Sweep:HttpPort</c>) cannot be listened on, typically because another process holds it.</summary>
public sealed class HttpPortUnavailableException(int port, Exception inner)
    : Exception($"Sweep:HttpPort: cannot listen on port {port} ({inner.Message}); choose another port or 0 for no HTTP endpoints", inner)
{
    public int Port { get; } = port;
}
