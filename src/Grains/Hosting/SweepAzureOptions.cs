namespace Sweep.Grains.Hosting;

/// <summary>
/// The Azure storage account of a cluster (section <c>Sweep:Azure</c>): a connection string, or an account URL used with
/// <c>DefaultAzureCredential</c>. The URL is the blob endpoint (<c>https://ACCOUNT.blob.core.windows.net</c>); the table
/// endpoint is the same with <c>.table.</c> in place of <c>.blob.</c>. Neither value is ever written to a log or an error.
/// </summary>
public sealed class SweepAzureOptions
{
    public const string Section = "Azure";

    public string? ConnectionString { get; set; }
    public string? AccountUrl { get; set; }
    /// <summary>The membership table of Azure clustering.</summary>
    public string ClusterTable { get; set; } = "SweepCluster";
    /// <summary>The blob container of grain state.</summary>
    public string StateContainer { get; set; } = "sweep-state";
    /// <summary>The blob container of checkpoints and other artifacts.</summary>
    public string ArtifactContainer { get; set; } = "sweep-artifacts";
}
