using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Sweep.Grains.AzureStorage;

namespace Sweep.Grains.Hosting;

/// <summary>Checks of section <c>Sweep:Azure</c>: an account when Azure clustering or storage is chosen, valid table and container names.</summary>
public static partial class AzureSettings
{
    private const string A = "Sweep:Azure";

    public static IEnumerable<string> Problems(SweepSiloOptions o)
    {
        if (o.Clustering != ClusteringKind.Azure && o.Storage != GrainStorageKind.Azure) yield break;
        var a = o.Azure;
        AzureStorageAccount.From(a, out var problem);
        if (problem is not null) yield return $"{problem} (needed by {Needing(o)})";
        if (!TableName().IsMatch(a.ClusterTable ?? ""))
            yield return $"{A}:ClusterTable: '{a.ClusterTable}' is not a table name (3-63 letters and digits, starting with a letter)";
        foreach (var (setting, value) in new[] { ("StateContainer", a.StateContainer), ("ArtifactContainer", a.ArtifactContainer) })
            if (!ContainerName().IsMatch(value ?? "") || value!.Contains("--", StringComparison.Ordinal))
                yield return $"{A}:{setting}: '{value}' is not a container name (3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)";
    }

    /// <summary>The keys of section <c>Sweep:Azure</c> that are not settings, or null.</summary>
    public static string? UnknownKeys(IConfigurationSection azure)
    {
        var unknown = azure.GetChildren()
            .Where(c => typeof(SweepAzureOptions).GetProperty(c.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null)
            .Select(c => $"{A}:{c.Key}: not a setting").ToList();
        return unknown.Count == 0 ? null : string.Join("; ", unknown);
    }

    private static string Needing(SweepSiloOptions o) =>
        (o.Clustering == ClusteringKind.Azure, o.Storage == GrainStorageKind.Azure) switch
        {
            (true, true) => "Sweep:Clustering=azure and Sweep:Storage=azure",
            (true, false) => "Sweep:Clustering=azure",
            _ => "Sweep:Storage=azure",
        };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
