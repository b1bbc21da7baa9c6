using Sweep.Dashboard.Endpoints;
using Sweep.Dashboard.Feeds;
using Sweep.Dashboard.Hosting;
using Sweep.Dashboard.Pages;

namespace Sweep.Dashboard.Tests;

/// <summary>The dashboard's pure parts: ETA, the cancel rule, encoding, the command line.</summary>
[Category(Category.Unit)]
public sealed class DashboardPiecesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Eta_extrapolates_the_pace_so_far()
    {
        // 100 s for 1 of 5 trials → 4 more at 100 s each.
        Assert.Equal(TimeSpan.FromSeconds(400), Eta.Estimate(Start, Start.AddSeconds(100), 1, 5));
        Assert.Equal(TimeSpan.FromSeconds(30), Eta.Estimate(Start, Start.AddSeconds(90), 3, 4));
        Assert.Null(Eta.Estimate(Start, Start.AddSeconds(100), 0, 5));
        Assert.Null(Eta.Estimate(null, Start, 1, 5));
        Assert.Equal(TimeSpan.Zero, Eta.Estimate(Start, Start.AddSeconds(5), 5, 5));
        Assert.Equal("1 h 02 min", Eta.Format(TimeSpan.FromMinutes(62)));
        Assert.Equal("3 min 05 s", Eta.Format(TimeSpan.FromSeconds(185)));
        Assert.Equal("—", Eta.Format(null));
    }

    [Fact]
    public void Cancelling_needs_a_configured_token_and_the_same_one()
    {
        Assert.Contains("read-only", CancelPermission.Refusal(null, "anything"));
        Assert.Contains("read-only", CancelPermission.Refusal("", ""));
        Assert.Contains("needs the dashboard's token", CancelPermission.Refusal("secret", null));
        Assert.Contains("wrong token", CancelPermission.Refusal("secret", "secreT"));
        Assert.Null(CancelPermission.Refusal("secret", "secret"));
    }

    [Fact]
    public void Names_are_encoded_in_text_and_in_paths()
    {
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;", Html.E("<script>alert(1)</script>"));
        Assert.Equal("&quot;a&quot; &amp; &#x27;b&#x27;", Html.E("\"a\" & 'b'"));
        Assert.Equal("/experiments/%3Cscript%3Ealert%281%29%3C%2Fscript%3E-0a1b", Html.ExperimentPath("<script>alert(1)</script>-0a1b"));
    }

    [Fact]
    public void The_command_line_is_checked()
    {
        var o = DashboardProgram.Parse(["--cluster", "localhost:30000,10.0.0.2:30001", "--port", "0"]);
        Assert.Equal(["127.0.0.1:30000", "10.0.0.2:30001"], o.Gateways.Select(g => g.ToString()));
        Assert.Equal(0, o.Port);
        Assert.Equal("--cluster: 'nohost' is not host:port", Assert.Throws<ArgumentException>(() => DashboardProgram.Parse(["--cluster", "nohost"])).Message);
        Assert.Contains("--port: '70000'", Assert.Throws<ArgumentException>(() => DashboardProgram.Parse(["--port", "70000"])).Message);
        Assert.Contains("unknown option '--bogus'", Assert.Throws<ArgumentException>(() => DashboardProgram.Parse(["--bogus"])).Message);
    }

    [Fact]
    public void Cluster_azure_reads_the_membership_table_account_from_the_environment_as_the_console_does()
    {
        const string variable = "SWEEP_AZURE_CONNECTION_STRING"; // no other test of this assembly reads it
        const string key = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3Q=";
        var before = Environment.GetEnvironmentVariable(variable);
        try
        {
            Environment.SetEnvironmentVariable(variable, null);
            Assert.Contains(variable, Assert.Throws<ArgumentException>(() => DashboardProgram.Parse(["--cluster", "azure"])).Message);

            Environment.SetEnvironmentVariable(variable,
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");
            var o = DashboardProgram.Parse(["--cluster", "azure"]);
            Assert.NotNull(o.Azure);
            Assert.Empty(o.Gateways);
            Assert.Equal("sweep", o.ClusterId);
            Assert.Contains("SweepCluster", o.Describe());
            Assert.DoesNotContain(key, o.Describe()); // what is printed names the table, never the key
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }
}
