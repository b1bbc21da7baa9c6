using System.Diagnostics;
using Azure.Storage.Blobs;
using Sweep.TestSupport.Components;

namespace Sweep.Grains.Tests.Azure;

/// <summary>The silo process with bad Azure settings or unusable storage: exit 2, the setting named, no secret printed, nothing created.</summary>
[Category(Category.Cluster)]
public sealed class AzureSiloStartTests
{
    private const string Secret = "c2VjcmV0LXRlc3Qta2V5LW5vdC10by1iZS1wcmludGVk"; // a made-up key that must never be printed

    private static async Task<(int Code, string Output)> RunSilo(params (string Key, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep-silo.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["Logging__LogLevel__Default"] = "Information"; // everything the silo would say
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_named_without_quoting_its_key()
    {
        var (code, output) = await RunSilo(("Sweep__Clustering", "azure"), ("Sweep__Azure__ConnectionString", $"AccountName=x;AccountKey={Secret};nonsense"));
        Assert.Equal(2, code);
        Assert.Contains("Sweep:Azure:ConnectionString: not a valid storage connection string", output);
        Assert.Contains("(needed by Sweep:Clustering=azure)", output);
        Assert.DoesNotContain(Secret, output);
    }

    [Fact]
    public async Task Azure_storage_without_an_account_names_both_settings()
    {
        var (code, output) = await RunSilo(("Sweep__Storage", "azure"), ("Sweep__Azure__StateContainer", "Bad_Name"));
        Assert.Equal(2, code);
        Assert.Contains("Sweep:Azure:ConnectionString or Sweep:Azure:AccountUrl: one of them is required (needed by Sweep:Storage=azure)", output);
        Assert.Contains("Sweep:Azure:StateContainer: 'Bad_Name' is not a container name", output);
    }

    [Fact]
    public async Task An_unreachable_endpoint_and_a_wrong_key_stop_the_silo_before_anything_is_created()
    {
        await using var azurite = await AzuriteServer.StartNewAsync();
        var deadPort = FreePorts.Take(1)[0];
        var unreachable = azurite.ConnectionString.Replace($":{azurite.BlobPort}/", $":{deadPort}/");
        var (code, output) = await RunSilo(("Sweep__Storage", "azure"), ("Sweep__Azure__ConnectionString", unreachable));
        Assert.Equal(2, code);
        Assert.Contains($"Sweep:Azure:ConnectionString: the blob service at http://127.0.0.1:{deadPort}/devstoreaccount1 cannot be reached", output);
        Assert.DoesNotContain(AzuriteServer.AccountKey, output);

        var wrongKey = azurite.ConnectionString.Replace(AzuriteServer.AccountKey, Secret);
        (code, output) = await RunSilo(("Sweep__Clustering", "azure"), ("Sweep__Storage", "azure"), ("Sweep__Azure__ConnectionString", wrongKey));
        Assert.Equal(2, code);
        Assert.Contains("refused the credentials", output);
        Assert.DoesNotContain(Secret, output);
        Assert.DoesNotContain("   at ", output);

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        Assert.Empty(blobs.GetBlobContainers().ToList()); // no container half-created
    }
}
