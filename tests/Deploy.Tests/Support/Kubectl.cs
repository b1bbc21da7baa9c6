using System.Diagnostics;
using Sweep.TestSupport.Components;

namespace Sweep.Deploy.Tests.Support;

/// <summary>
/// Renders a kustomization with <c>kubectl kustomize</c> (offline: it needs no API server). A missing kubectl fails the
/// test with how to install it.
/// </summary>
public static class Kubectl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The rendered YAML stream of the kustomization in <paramref name="directory"/>.</summary>
    public static string Kustomize(string directory)
    {
        NodeTools.RequireOnPath("kubectl",
            "install kubectl (it bundles kustomize), e.g. from https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl or `apt-get install kubectl` from the Kubernetes apt repository");
        var start = new ProcessStartInfo("kubectl")
        {
            ArgumentList = { "kustomize", directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} took over {Timeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize {directory} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        return stdout.Result;
    }

    /// <summary>Renders and parses an overlay of the repository's k8s/ folder (<c>dev</c>, <c>prod</c>).</summary>
    public static IReadOnlyList<Manifest> Overlay(string name) => Manifest.ParseAll(Kustomize(Repository.Path("k8s", "overlays", name)));
}
