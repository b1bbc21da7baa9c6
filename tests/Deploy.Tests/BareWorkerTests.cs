using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests;

/// <summary>
/// The Apple Silicon worker that joins the Kubernetes-hosted cluster from outside (launchd agent and start script in
/// k8s/bare-worker): it has the cluster's identity, clustering, storage names and ports exactly as the prod overlay
/// gives its pods, runs as an MPS worker, and gets more time to stop than its drain takes.
/// </summary>
[Category(Category.Deploy)]
public sealed class BareWorkerTests
{
    private static readonly string[] SharedSettings =
    [
        "Sweep__Clustering", "Sweep__Storage", "Sweep__ClusterId", "Sweep__ServiceId", "Sweep__SiloPort", "Sweep__GatewayPort",
        "Sweep__HttpPort", "Sweep__Azure__ClusterTable", "Sweep__Azure__StateContainer", "Sweep__Azure__ArtifactContainer",
        "Sweep__Azure__AccountUrl", "Sweep__DrainGrace",
    ];

    [Fact]
    public void The_launchd_agent_joins_the_prod_cluster_as_an_mps_worker()
    {
        var plist = Plist();
        var env = Dict(plist["EnvironmentVariables"]);
        var prod = Overlays.Render("prod");
        var podEnv = PodEnvironment.Of(prod.Find("Deployment", "sweep-worker-cpu"), prod);
        foreach (var key in SharedSettings)
            Assert.True(env.TryGetValue(key, out var value) && value.Value == podEnv[key],
                $"{key}: the Mac has {(env.TryGetValue(key, out var v) ? v.Value : "nothing")}, the pods {podEnv[key]}");
        Assert.Equal("Worker", env["Sweep__Role"].Value);
        Assert.Equal("Mps", env["Sweep__Accelerator"].Value);

        Assert.Equal("org.sweep.worker", plist["Label"].Value);
        var drain = TimeSpan.ParseExact(env["Sweep__DrainGrace"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        Assert.True(int.Parse(plist["ExitTimeOut"].Value, CultureInfo.InvariantCulture) >= drain.TotalSeconds + 15, "launchd kills before the drain ends");
        Assert.Contains("sweep-worker.sh", string.Join(' ', plist["ProgramArguments"].Elements().Select(e => e.Value)));
    }

    [UnixFact("runs sh and reads the file's Unix mode")]
    public void The_start_script_is_valid_sh_and_runs_the_published_silo()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("sh and Unix file modes");
        var script = Repository.Path("k8s", "bare-worker", "sweep-worker.sh");
        Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, "sweep-worker.sh is not executable");
        using var sh = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-n", script }, RedirectStandardError = true })!;
        var errors = sh.StandardError.ReadToEnd();
        sh.WaitForExit();
        Assert.True(sh.ExitCode == 0, $"sh -n {script}: {errors}");
        Assert.Contains("exec dotnet \"$here/sweep-silo.dll\"", File.ReadAllText(script));
    }

    private static Dictionary<string, XElement> Plist()
    {
        using var reader = XmlReader.Create(Repository.Path("k8s", "bare-worker", "org.sweep.worker.plist"),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return Dict(XDocument.Load(reader).Root!.Element("dict")!);
    }

    /// <summary>A plist dict: each key element followed by its value element.</summary>
    private static Dictionary<string, XElement> Dict(XElement dict)
    {
        var items = dict.Elements().ToList();
        return Enumerable.Range(0, items.Count / 2).ToDictionary(i => items[2 * i].Value, i => items[2 * i + 1]);
    }
}
