using System.Text.Json.Nodes;
using Sweep.Deploy.Tests.Support;
using Sweep.Deploy.Tests.Validation;

namespace Sweep.Deploy.Tests;

/// <summary>
/// No container runs as root or can gain privileges, every container has requests, limits and both probes, no Role grants
/// more than Sweep uses, no credential is in a ConfigMap; and the checks catch each of those mistakes.
/// </summary>
[Category(Category.Deploy)]
public sealed class SecurityTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Overlay_passes_every_security_rule(string overlay) =>
        Assert.Empty(SecurityCheck.Problems(Overlays.Render(overlay)));

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Silos_are_ready_when_joined_and_alive_when_the_process_answers(string overlay)
    {
        var all = Overlays.Render(overlay);
        foreach (var silo in all.Where(m => m.Kind == "Deployment" && PodEnvironment.PodLabels(m)["app.kubernetes.io/name"]?.ToString() == "sweep-silo"))
        {
            var c = silo.Body.FirstContainer();
            Assert.Equal("/readyz", (string?)c["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/healthz", (string?)c["livenessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("http", (string?)c["readinessProbe"]!["httpGet"]!["port"]);
            var http = c["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!;
            Assert.Equal(((long)http["containerPort"]!).ToString(), PodEnvironment.Of(silo, all)["Sweep__HttpPort"]);
        }
    }

    public static readonly TheoryData<string, string, string> Mutants = new()
    {
        { "root user", "runs as user 0", "runAsUser=0" },
        { "no limits", "no memory in resources.limits", "limits" },
        { "no readiness probe", "no readinessProbe", "readiness" },
        { "writable root", "root filesystem is writable", "rootfs" },
        { "role reads secrets", "grants get on secrets", "secrets" },
        { "silo bound to a role", "binds a role to sweep-silo", "binding" },
        { "storage key in a ConfigMap", "holds a credential", "configmap" },
        { "storage key as a literal env", "holds a credential as a literal", "env" },
    };

    [Theory]
    [MemberData(nameof(Mutants))]
    public void The_check_catches(string mistake, string expected, string which)
    {
        var all = Overlays.Render("prod");
        var mutant = which switch
        {
            "runAsUser=0" => all.With("Deployment", "sweep-worker-cpu", d => d.FirstContainer()["securityContext"]!["runAsUser"] = 0),
            "limits" => all.With("Deployment", "sweep-control", d => d.FirstContainer()["resources"]!.AsObject().Remove("limits")),
            "readiness" => all.With("Deployment", "sweep-dashboard", d => d.FirstContainer().Remove("readinessProbe")),
            "rootfs" => all.With("Deployment", "sweep-worker-cuda", d => d.FirstContainer()["securityContext"]!["readOnlyRootFilesystem"] = false),
            "secrets" => all.With("Role", "sweep-prometheus-discovery", r => r["rules"]![0]!["resources"]!.AsArray().Add("secrets")),
            "binding" => all.With("RoleBinding", "sweep-prometheus-discovery", b =>
                b["subjects"]!.AsArray().Add(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "sweep-silo" })),
            "configmap" => all.With("ConfigMap", all.Single(m => m.Kind == "ConfigMap" && m.Name.StartsWith("sweep-settings-", StringComparison.Ordinal)).Name,
                m => m["data"]!["Sweep__Azure__ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;"),
            "env" => all.With("Deployment", "sweep-control", d => d.FirstContainer()["env"]!.AsArray().Add(new JsonObject
                { ["name"] = "Sweep__Azure__ConnectionString", ["value"] = "AccountName=a;AccountKey=c2VjcmV0" })),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var problems = SecurityCheck.Problems(mutant);
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"{mistake}: expected a problem containing \"{expected}\", got: {string.Join(" | ", problems)}");
    }
}
