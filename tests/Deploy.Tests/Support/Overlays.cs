using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Sweep.Deploy.Tests.Support;

/// <summary>The repository's overlays, rendered once per test run, and copies of them with one object changed.</summary>
public static class Overlays
{
    public static readonly TheoryData<string> Names = new() { "dev", "prod" };

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Manifest>>> Rendered = new();

    /// <summary>The rendered objects of an overlay; callers get copies, so a test may change them freely.</summary>
    public static IReadOnlyList<Manifest> Render(string name) =>
        Rendered.GetOrAdd(name, n => new Lazy<IReadOnlyList<Manifest>>(() => Kubectl.Overlay(n))).Value.Select(m => m.Clone()).ToList();

    public static Manifest Find(this IReadOnlyList<Manifest> all, string kind, string name) =>
        all.SingleOrDefault(m => m.Kind == kind && m.Name == name) ?? throw new InvalidOperationException($"no {kind}/{name} rendered");

    /// <summary>A copy of <paramref name="all"/> with <paramref name="change"/> applied to one object.</summary>
    public static IReadOnlyList<Manifest> With(this IReadOnlyList<Manifest> all, string kind, string name, Action<JsonObject> change)
    {
        var copy = all.Select(m => m.Clone()).ToList();
        change(copy.Find(kind, name).Body);
        return copy;
    }

    /// <summary>The first container of a workload's pod template.</summary>
    public static JsonObject FirstContainer(this JsonObject workload) => workload["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
}
