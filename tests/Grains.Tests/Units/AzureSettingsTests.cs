using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class AzureSettingsTests
{
    private const string Key = "c2VjcmV0LXRlc3Qta2V5LW5vdC10by1iZS1wcmludGVk";

    private static SweepSiloOptions Read(params (string Key, string Value)[] values) =>
        new ServiceCollection().AddSweepSiloOptions(new ConfigurationBuilder()
                .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build())
            .Services.BuildServiceProvider().GetRequiredService<IOptions<SweepSiloOptions>>().Value;

    [Fact]
    public void Azure_clustering_and_storage_bind_from_the_Sweep_section_with_the_shared_defaults()
    {
        var o = Read(("Sweep:Clustering", "azure"), ("Sweep:Storage", "Azure"), ("Sweep:AdvertisedAddress", "10.0.0.5"),
            ("Sweep:Azure:ConnectionString", $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={Key};EndpointSuffix=core.windows.net"));
        Assert.Equal((ClusteringKind.Azure, GrainStorageKind.Azure, "10.0.0.5"), (o.Clustering, o.Storage, o.AdvertisedAddress));
        Assert.Equal(("SweepCluster", "sweep-state", "sweep-artifacts"), (o.Azure.ClusterTable, o.Azure.StateContainer, o.Azure.ArtifactContainer));
        var account = AzureSiloStorage.Account(o);
        Assert.Equal(("https://acct.blob.core.windows.net/", "https://acct.table.core.windows.net/"), (account.BlobEndpoint.ToString(), account.TableEndpoint.ToString()));
    }

    [Fact]
    public void Every_Azure_problem_is_listed_by_setting_and_no_secret_is_quoted()
    {
        var f = Assert.Throws<OptionsValidationException>(() => Read(("Sweep:Clustering", "azure"), ("Sweep:Primary", "localhost:11111"),
            ("Sweep:AdvertisedAddress", "my-host"), ("Sweep:Azure:ConnectionString", $"AccountKey={Key};garbage"),
            ("Sweep:Azure:ClusterTable", "1x"), ("Sweep:Azure:ArtifactContainer", "a--b"))).Failures.ToList();
        Assert.Contains(f, m => m.StartsWith("Sweep:Azure:ConnectionString: not a valid storage connection string", StringComparison.Ordinal));
        Assert.Contains("Sweep:AdvertisedAddress: 'my-host' is not an IP address (e.g. 10.0.0.5)", f);
        Assert.Contains(f, m => m.StartsWith("Sweep:Primary: only for localhost clustering", StringComparison.Ordinal));
        Assert.Contains(f, m => m.StartsWith("Sweep:Azure:ClusterTable: '1x' is not a table name", StringComparison.Ordinal));
        Assert.Contains(f, m => m.StartsWith("Sweep:Azure:ArtifactContainer: 'a--b' is not a container name", StringComparison.Ordinal));
        Assert.Equal(5, f.Count);
        Assert.DoesNotContain(f, m => m.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_Azure_keys_and_two_accounts_are_refused()
    {
        var f = Assert.Throws<OptionsValidationException>(() => Read(("Sweep:Storage", "azure"), ("Sweep:Azure:Container", "x"))).Failures;
        Assert.Contains("Sweep:Azure:Container: not a setting", f);
        f = Assert.Throws<OptionsValidationException>(() => Read(("Sweep:Storage", "azure"), ("Sweep:Azure:AccountUrl", "https://a.blob.core.windows.net"),
            ("Sweep:Azure:ConnectionString", "UseDevelopmentStorage=true"))).Failures;
        Assert.Contains("Sweep:Azure:ConnectionString and Sweep:Azure:AccountUrl: give one of them, not both (needed by Sweep:Storage=azure)", f);
    }

    [Fact]
    public void Localhost_clustering_and_memory_storage_need_no_account()
    {
        var o = Read(("Sweep:Azure:ClusterTable", "Other"));
        Assert.Equal((ClusteringKind.Localhost, GrainStorageKind.Memory), (o.Clustering, o.Storage));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + Key + ";EndpointSuffix=x", "AccountKey=***")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2024&sig=" + Key, "SharedAccessSignature=***")]
    [InlineData("https://a.blob.core.windows.net/c/b?sv=2024-01-01&sig=" + Key + "&se=2030", "sig=***&se=2030")]
    public void Secrets_are_masked_in_text_that_may_reach_a_log(string text, string masked)
    {
        var redacted = Secrets.Redact(text);
        Assert.DoesNotContain(Key, redacted);
        Assert.Contains(masked, redacted);
    }
}
