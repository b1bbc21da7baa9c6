using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;

namespace Sweep.Client.Commands;

/// <summary>The option every verb that talks to a running cluster shares: where its gateways are.</summary>
public class ClusterSettings : CommandSettings
{
    [CommandOption("--cluster <HOST:PORT>")]
    [Description("gateway(s) of the running cluster, comma-separated")]
    [DefaultValue(SweepConnection.DefaultCluster)]
    public string Cluster { get; set; } = SweepConnection.DefaultCluster;

    public override ValidationResult Validate() => SettingsCheck.Of(() => SweepConnection.ParseEndpoints(Cluster));
}
