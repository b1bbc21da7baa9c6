using Sweep.Training;

namespace Sweep.Grains.AzureStorage;

/// <summary>
/// <c>--cluster azure</c> (the console and the dashboard): the cluster whose silos list themselves in an Azure Table membership table. The storage account is
/// <c>SWEEP_AZURE_CONNECTION_STRING</c> (else <c>Sweep__Azure__ConnectionString</c>) or <c>Sweep__Azure__AccountUrl</c> (with
/// DefaultAzureCredential); the table, cluster and service ids are the silos' settings by the same names
/// (<c>Sweep__Azure__ClusterTable</c>, <c>Sweep__ClusterId</c>, <c>Sweep__ServiceId</c>), with the same defaults.
/// </summary>
public sealed record AzureCluster(AzureStorageAccount Account, string Table, string ClusterId, string ServiceId)
{
    public const string Name = "azure";
    public const string ConnectionVariable = "SWEEP_AZURE_CONNECTION_STRING";

    public static bool Names(string cluster) => string.Equals(cluster.Trim(), Name, StringComparison.OrdinalIgnoreCase);

    public static AzureCluster FromEnvironment()
    {
        var connection = Variable(ConnectionVariable) ?? Variable("Sweep__Azure__ConnectionString");
        var account = AzureStorageAccount.From(connection, Variable("Sweep__Azure__AccountUrl"),
            $"{ConnectionVariable} (or Sweep__Azure__ConnectionString)", "Sweep__Azure__AccountUrl", out var problem);
        if (account is null) throw new InvalidInputException($"--cluster azure: {problem}");
        return new AzureCluster(account, Variable("Sweep__Azure__ClusterTable") ?? "SweepCluster",
            Variable("Sweep__ClusterId") ?? "sweep", Variable("Sweep__ServiceId") ?? "sweep");
    }

    /// <summary>What was tried, for messages: the table and its endpoint, no secret.</summary>
    public string Describe() => $"the gateways in table {Table} at {Account.TableEndpoint} (cluster {ClusterId})";

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
