using Azure;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.AzureStorage;

/// <summary>
/// Before a silo with Azure clustering or storage starts: one quick read of the blob and table services, so that an
/// unreachable endpoint or refused credentials stop it with a message naming the setting (and nothing created), instead of
/// a silo that retries for minutes. Messages name endpoints and status codes, never a key or a SAS.
/// </summary>
public static class AzureStartupCheck
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(SweepSiloOptions o, CancellationToken ct = default)
    {
        if (o.Clustering != ClusteringKind.Azure && o.Storage != GrainStorageKind.Azure) return [];
        var account = AzureSiloStorage.Account(o);
        var problems = new List<string>();
        try
        {
            await account.Blobs(probe: true).GetBlobContainerClient(o.Azure.StateContainer).ExistsAsync(ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or InvalidOperationException or global::Azure.Identity.AuthenticationFailedException)
        {
            problems.Add($"{account.Setting}: the blob service at {account.BlobEndpoint} {Why(e)}");
        }
        if (o.Clustering == ClusteringKind.Azure)
        {
            try
            {
                await foreach (var _ in account.Tables(probe: true).QueryAsync(t => t.Name == o.Azure.ClusterTable, maxPerPage: 1, cancellationToken: ct)) break;
            }
            catch (Exception e) when (e is RequestFailedException or AggregateException or InvalidOperationException or global::Azure.Identity.AuthenticationFailedException)
            {
                problems.Add($"{account.Setting}: the table service at {account.TableEndpoint} {Why(e)}");
            }
        }
        return problems;
    }

    private static string Why(Exception e) => e switch
    {
        RequestFailedException { Status: 403 } r => $"refused the credentials ({r.ErrorCode ?? "403"}: wrong account key, SAS or role)",
        RequestFailedException { Status: 0 } r => $"cannot be reached ({Secrets.Redact(Inner(r).Message)})",
        RequestFailedException r => $"answered {r.Status} {r.ErrorCode}",
        _ when Inner(e) is System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException or TimeoutException or TaskCanceledException
            => $"cannot be reached ({Secrets.Redact(Inner(e).Message)})",
        _ => $"cannot be used ({Secrets.Redact(Inner(e).Message)})",
    };

    private static Exception Inner(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
