using System.Diagnostics;
using System.Text;

namespace Sweep.TestSupport.Components;

/// <summary>
/// A real Azurite (Azure Storage emulator, npm <c>azurite</c>) for a test: blob, queue and table services on free
/// loopback ports, data in a temp folder of its own. <see cref="StopAsync"/> and <see cref="StartAsync()"/> take it
/// down and bring it back on the same ports and data, for outage tests. Dispose stops it (SIGTERM, then kill by PID)
/// and deletes its folder.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string Version = "3.37.0";

    /// <summary>The emulator's fixed, publicly documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's fixed, publicly documented development key (not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string executable;
    private readonly TempDirectory data = new("azurite");
    private readonly StringBuilder log = new();
    private Process? process;

    private AzuriteServer(string executable, int[] ports)
    {
        this.executable = executable;
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
    }

    public const string Host = "127.0.0.1";
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>Where Azurite keeps its data.</summary>
    public string Location => data.Path;

    public string BlobEndpoint => $"http://{Host}:{BlobPort}/{AccountName}";
    public string TableEndpoint => $"http://{Host}:{TablePort}/{AccountName}";

    /// <summary>A connection string for all three services, as the Azure SDKs and Orleans providers take it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint=http://{Host}:{QueuePort}/{AccountName};TableEndpoint={TableEndpoint};";

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Installs Azurite on first use (npm), starts it and waits until blob and table ports accept connections.</summary>
    public static async Task<AzuriteServer> StartNewAsync()
    {
        var folder = NodeTools.Ensure("azurite", Version);
        var server = new AzuriteServer(NodeTools.Bin(folder, "azurite"), FreePorts.Take(3));
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>(Re)starts the emulator on this server's ports and data folder.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) return;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                "--location", Location,
                "--blobHost", Host, "--blobPort", BlobPort.ToString(),
                "--queueHost", Host, "--queuePort", QueuePort.ToString(),
                "--tableHost", Host, "--tablePort", TablePort.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var started = Process.Start(start) ?? throw new ComponentMissingException($"could not start {executable}");
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        var timeout = TimeSpan.FromSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
            if (!await FreePorts.WaitForListenerAsync(Host, port, timeout, () => started.HasExited))
                throw new ComponentMissingException(
                    $"Azurite did not listen on {Host}:{port} within {timeout.TotalSeconds:0} s" +
                    (started.HasExited ? $" (it exited with {started.ExitCode})" : "") + $"; its output: {Output}");
    }

    /// <summary>Stops the emulator (SIGTERM, then a kill after 10 s), keeping its data for a later start.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        await Signals.StopAsync(process, TimeSpan.FromSeconds(10));
        process.Dispose();
        process = null;
    }

    /// <summary>What Azurite printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (log) return log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        data.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) if (log.Length < 64_000) log.AppendLine(line);
    }
}
