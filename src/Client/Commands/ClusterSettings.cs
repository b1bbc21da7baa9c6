using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;

namespace Sweep.Client.Commands;

/// <summary>The options every verb that talks to a running cluster shares: where its gateways are and how long to try them.</summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--cluster <HOST:PORT>")]
    [Description("gateway(s) of the running cluster, comma-separated, or \"azure\" (gateways from the Azure Table membership table; account from $SWEEP_AZURE_CONNECTION_STRING)")]
    [DefaultValue(SweepConnection.DefaultCluster)]
    public string Cluster { get; set; } = SweepConnection.DefaultCluster;

    [CommandOption("--connect-timeout <SECONDS>")]
    [Description("give up connecting after this long (default: $SWEEP_CONNECT_TIMEOUT, else 15)")]
    public double? ConnectTimeout { get; set; }

    public TimeSpan ConnectWithin() => Sweep.Client.Cluster.ConnectTimeout.Resolve(ConnectTimeout);

    public override ValidationResult Validate() => SettingsCheck.Of(() =>
    {
        SweepConnection.CheckCluster(Cluster);
        ConnectWithin();
    });
}
