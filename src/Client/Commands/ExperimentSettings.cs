using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Client.Commands;

/// <summary>A verb on one experiment of a cluster: its id and where the cluster is.</summary>
public class ExperimentSettings : ClusterSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("experiment id (as printed by 'sweep submit' or 'sweep list')")]
    public string Id { get; set; } = "";
}
