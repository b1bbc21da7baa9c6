using Sweep.Deploy.Tests.Support;
using Sweep.Deploy.Tests.Validation;

namespace Sweep.Deploy.Tests;

/// <summary>
/// Each worker pool's KEDA ScaledObject scales that pool, from zero, on that pool's accelerator's ready and running
/// trials in its own namespace, with the pool's slots per pod as threshold, and stays so under a name prefix.
/// </summary>
[Category(Category.Deploy)]
public sealed class ScalingTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public void Every_pool_autoscaler_agrees_with_its_pool(string overlay) =>
        Assert.Empty(ScalingCheck.Problems(Overlays.Render(overlay)));

    [Fact]
    public void The_threshold_follows_the_slots_an_overlay_sets()
    {
        // dev gives its CPU workers one slot (the base two): the threshold must follow, or a pod would be asked to take two
        var dev = Overlays.Render("dev");
        Assert.Equal("1", PodEnvironment.Of(dev.Find("Deployment", "sweep-worker-cpu"), dev)["Sweep__Slots"]);
        Assert.Equal("1", (string?)dev.Find("ScaledObject", "sweep-worker-cpu").Body["spec"]!["triggers"]![0]!["metadata"]!["threshold"]);
        var prod = Overlays.Render("prod");
        Assert.Equal("2", (string?)prod.Find("ScaledObject", "sweep-worker-cpu").Body["spec"]!["triggers"]![0]!["metadata"]!["threshold"]);
        Assert.Contains("namespace=\"sweep-dev\"", (string?)dev.Find("ScaledObject", "sweep-worker-cpu").Body["spec"]!["triggers"]![0]!["metadata"]!["query"]);
    }

    [Fact]
    public void A_name_prefix_keeps_each_scaled_object_on_its_deployment()
    {
        // an overlay of the prod overlay, as a team would write one (kustomize takes only relative paths)
        using var dir = new TempDirectory("kustomize-prefix");
        dir.Write("kustomization.yaml", $"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namePrefix: team-a-
            resources:
              - {Path.GetRelativePath(dir.Path, Repository.Path("k8s", "overlays", "prod"))}
            """);
        var all = Manifest.ParseAll(Kubectl.Kustomize(dir.Path));
        Assert.Contains(all, m => m.Id == "Deployment/team-a-sweep-worker-cpu");
        Assert.Equal("team-a-sweep-worker-cpu", (string?)all.Find("ScaledObject", "team-a-sweep-worker-cpu").Body["spec"]!["scaleTargetRef"]!["name"]);
        Assert.Empty(ScalingCheck.Problems(all));
    }

    public static readonly TheoryData<string, string> Mutants = new()
    {
        { "threshold", "is not the pool's slots per pod" },
        { "accelerator", "but the pool runs cpu" },
        { "namespace", "but the pool is in sweep" },
        { "target", "which is not rendered" },
        { "minimum", "minReplicaCount is not 0" },
        { "cooldown", "cooldownPeriod under" },
        { "any", "a sweep with the default placement wakes no pool" },
    };

    [Theory]
    [MemberData(nameof(Mutants))]
    public void The_check_catches(string mistake, string expected)
    {
        var mutant = Overlays.Render("prod").With("ScaledObject", "sweep-worker-cpu", s =>
        {
            var spec = s["spec"]!;
            var metadata = spec["triggers"]![0]!["metadata"]!;
            switch (mistake)
            {
                case "threshold": metadata["threshold"] = "3"; break;
                case "accelerator": metadata["query"] = ((string)metadata["query"]!).Replace("accelerator=\"cpu\"", "accelerator=\"cuda\"").Replace("cpu|any", "cuda|any"); break;
                case "namespace": metadata["query"] = ((string)metadata["query"]!).Replace("namespace=\"sweep\"", "namespace=\"default\""); break;
                case "target": spec["scaleTargetRef"]!["name"] = "sweep-worker-gpu"; break;
                case "minimum": spec["minReplicaCount"] = 1; break;
                case "cooldown": spec["cooldownPeriod"] = 30; break;
                case "any": metadata["query"] = ((string)metadata["query"]!).Replace("accelerator=~\"cpu|any\"", "accelerator=\"cpu\""); break;
            }
        });
        var problems = ScalingCheck.Problems(mutant);
        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"{mistake}: expected \"{expected}\", got: {string.Join(" | ", problems)}");
    }
}
