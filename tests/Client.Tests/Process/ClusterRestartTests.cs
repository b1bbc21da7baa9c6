using System.Diagnostics;
using Sweep.TestSupport.Components;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// The short form of <c>scripts/cluster-restart.sh</c> against a real Azurite: three silo processes (control, two CPU workers,
/// one advertised on 127.0.0.2) on Azure Table clustering and Blob storage, six real tiny-bert trials submitted with
/// <c>sweep submit --cluster azure</c>, every silo SIGKILLed mid-sweep and restarted, then Azurite stopped and restarted. The
/// script checks one result per trial, no finished trial run again, running trials resumed from their checkpoint, and the
/// account key in no log, error or result; this test runs it with the sweep and silo built next to it.
/// </summary>
[Category(Category.Cluster)]
public sealed class ClusterRestartTests
{
    [UnixFact("bash, SIGKILL and a second loopback address (127.0.0.2)")]
    public async Task Every_silo_killed_mid_sweep_and_storage_away_for_a_while_loses_no_trial_and_reruns_none()
    {
        NodeTools.Ensure("azurite", AzuriteServer.Version); // the script uses the same cached install; fails naming npm if missing
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "cluster-restart.sh"), "--steps", "300", "--seeds", "1", "--outage", "10"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SWEEP_BIN_DIR"] = AppContext.BaseDirectory;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("6 results, 6 distinct ids, states ['Completed']", output);
        Assert.Contains("OK: the sweep completed after losing every silo", output);
        Assert.Contains("  resumed: ", output);
        Assert.Contains("OK: the account key is in no log, error or result file", output);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Sweep.sln above {AppContext.BaseDirectory}");
    }
}
