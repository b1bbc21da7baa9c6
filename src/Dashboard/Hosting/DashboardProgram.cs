using Sweep.Grains.AzureStorage;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Sweep.Dashboard.Hosting;

/// <summary>The standalone dashboard's command line: <c>--cluster HOST:PORT</c> (as the console; default localhost:30000),
/// <c>--port N</c> (5080), <c>--listen-anywhere</c>; the cancel token from configuration. Bad input exits 2.</summary>
public static class DashboardProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        DashboardOptions options;
        try { options = Parse(args); }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var app = DashboardServer.Build(options);
        await app.StartAsync();
        Console.WriteLine($"dashboard: {DashboardServer.Url(app)} (cluster {options.Describe()}; {(string.IsNullOrEmpty(options.CancelToken) ? "read-only" : "cancel with the token")})");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary><c>--cluster azure</c>: the account, table and ids from the environment, as the console reads them.</summary>
    private static void UseAzure(DashboardOptions options)
    {
        options.Gateways = []; // not the default localhost gateway: the table lists them
        try { options.Azure = AzureCluster.FromEnvironment(); }
        catch (Sweep.Training.InvalidInputException e) { throw new ArgumentException(e.Message); }
        options.ClusterId = options.Azure.ClusterId;
        options.ServiceId = options.Azure.ServiceId;
    }

    public static DashboardOptions Parse(string[] args)
    {
        var options = new DashboardOptions { Gateways = GatewayList.Parse("localhost:30000") };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: a value is missing");
            switch (args[i])
            {
                case "--cluster":
                    var cluster = Value();
                    if (AzureCluster.Names(cluster)) UseAzure(options);
                    else options.Gateways = GatewayList.Parse(cluster);
                    break;
                case "--port":
                    var port = Value();
                    options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535
                        ? p : throw new ArgumentException($"--port: '{port}' is not a port (0–65535)");
                    break;
                case "--listen-anywhere": options.ListenAnywhere = true; break;
                case "--artifacts": // adapters used to be read from a local folder; the cluster serves them now, whatever its storage
                    Value();
                    Console.Error.WriteLine("--artifacts is no longer needed (adapters are read through the cluster); ignored");
                    break;
                case "--cluster-id": options.ClusterId = Value(); break;
                default: throw new ArgumentException($"unknown option '{args[i]}' (known: --cluster, --port, --listen-anywhere, --cluster-id)");
            }
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        options.CancelToken = configuration[$"{DashboardOptions.Section}:CancelToken"];
        return options;
    }
}
