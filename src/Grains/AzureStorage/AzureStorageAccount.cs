using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.AzureStorage;

/// <summary>
/// A storage account named by <c>Sweep:Azure:ConnectionString</c>, or by <c>Sweep:Azure:AccountUrl</c> with
/// <c>DefaultAzureCredential</c>: clients for its blob and table services with retries on transient errors (exponential
/// backoff from 0.5 s up to 15 s a try, ten tries: a storage outage of about a minute and a half is ridden out).
/// Its descriptions name endpoints only, never a key or a SAS.
/// </summary>
public sealed class AzureStorageAccount
{
    public const string ConnectionStringSetting = "Sweep:Azure:ConnectionString";
    public const string AccountUrlSetting = "Sweep:Azure:AccountUrl";

    private readonly string? _connectionString;
    private readonly Uri? _accountUrl;
    private readonly TokenCredential? _credential;

    private AzureStorageAccount(string? connectionString, Uri? accountUrl, Uri blobEndpoint, Uri tableEndpoint)
    {
        (_connectionString, _accountUrl, BlobEndpoint, TableEndpoint) = (connectionString, accountUrl, blobEndpoint, tableEndpoint);
        if (accountUrl is not null) _credential = new DefaultAzureCredential();
    }

    /// <summary>The setting the account came from, for messages.</summary>
    public string Setting => _connectionString is not null ? ConnectionStringSetting : AccountUrlSetting;
    public Uri BlobEndpoint { get; }
    public Uri TableEndpoint { get; }

    /// <summary>The account of <paramref name="options"/>, or the problem with it (naming the setting, never quoting a secret).</summary>
    public static AzureStorageAccount? From(SweepAzureOptions options, out string? problem) =>
        From(options.ConnectionString, options.AccountUrl, ConnectionStringSetting, AccountUrlSetting, out problem);

    /// <summary>As <see cref="From(SweepAzureOptions, out string?)"/>, with the names of the two settings as the caller's users write them.</summary>
    public static AzureStorageAccount? From(string? connectionString, string? accountUrl, string connectionName, string urlName, out string? problem)
    {
        problem = null;
        var hasConnection = !string.IsNullOrWhiteSpace(connectionString);
        var hasUrl = !string.IsNullOrWhiteSpace(accountUrl);
        if (hasConnection == hasUrl)
        {
            problem = hasConnection ? $"{connectionName} and {urlName}: give one of them, not both" : $"{connectionName} or {urlName}: one of them is required";
            return null;
        }
        if (hasConnection)
        {
            try
            {
                var blobs = new BlobServiceClient(connectionString);
                var tables = new TableServiceClient(connectionString);
                return new AzureStorageAccount(connectionString, null, blobs.Uri, tables.Uri);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                problem = $"{connectionName}: not a valid storage connection string (expected AccountName=…;AccountKey=…;BlobEndpoint=…;TableEndpoint=… " +
                          "or DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…)";
                return null;
            }
        }
        if (!Uri.TryCreate(accountUrl!.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.Query))
        {
            problem = $"{urlName}: '{Secrets.Redact(accountUrl)}' is not an http(s) account URL without a query (e.g. https://ACCOUNT.blob.core.windows.net)";
            return null;
        }
        var table = new UriBuilder(url) { Host = url.Host.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase) }.Uri;
        return new AzureStorageAccount(null, url, url, table);
    }

    /// <summary>A blob client that retries transient errors with backoff (<paramref name="probe"/>: one quick try, for start-up checks).</summary>
    public BlobServiceClient Blobs(bool probe = false)
    {
        var options = new BlobClientOptions();
        Configure(options.Retry, probe);
        return _connectionString is not null ? new BlobServiceClient(_connectionString, options) : new BlobServiceClient(_accountUrl, _credential, options);
    }

    /// <summary>A table client that retries transient errors with backoff (<paramref name="probe"/>: one quick try).</summary>
    public TableServiceClient Tables(bool probe = false)
    {
        var options = new TableClientOptions();
        Configure(options.Retry, probe);
        return _connectionString is not null ? new TableServiceClient(_connectionString, options) : new TableServiceClient(TableEndpoint, _credential, options);
    }

    private static void Configure(RetryOptions retry, bool probe)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = probe ? 1 : 10;
        retry.Delay = TimeSpan.FromSeconds(0.5);
        retry.MaxDelay = TimeSpan.FromSeconds(15);
        retry.NetworkTimeout = probe ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30);
    }
}
