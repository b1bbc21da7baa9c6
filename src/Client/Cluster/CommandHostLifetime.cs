using Microsoft.Extensions.Hosting;

namespace Sweep.Client.Cluster;

/// <summary>
/// The lifetime of a host inside one console command: the command decides when it stops. The default console
/// lifetime would stop the host on Ctrl-C or SIGTERM behind the command's back, before it could cancel cleanly.
/// </summary>
public sealed class CommandHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
