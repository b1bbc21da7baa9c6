using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Deploy.Tests.Support;
using Sweep.TestSupport.Components;

namespace Sweep.Deploy.Tests.Validation;

/// <summary>
/// Every object against its API schema with the npm kubernetes-models packages (built-in kinds, KEDA, prometheus-operator),
/// run through node (validate-manifests.mjs). They catch wrong types, missing required fields and bad enum values in every
/// kind, including the CRDs. Their schemas accept unknown fields: for the CRD kinds, declared-fields.mjs rejects a field
/// the model's declaration does not have (types from other packages, such as ObjectMeta, are not followed); for built-in
/// kinds <see cref="StrictSchemaCheck"/> does. The packages are installed once with npm into the test cache.
/// </summary>
public static class NodeSchemaCheck
{
    public const string CoreVersion = "5.1.0";
    public const string KedaVersion = "2.0.0";
    public const string PrometheusOperatorVersion = "6.0.0";

    /// <summary>One line per object that fails, "Kind/name: what is wrong"; empty when all pass.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Manifest> manifests)
    {
        var list = manifests.ToList();
        var core = NodeTools.Ensure("kubernetes-models", CoreVersion);
        var keda = NodeTools.Ensure("@kubernetes-models/keda", KedaVersion);
        var prometheus = NodeTools.Ensure("@kubernetes-models/prometheus-operator", PrometheusOperatorVersion);
        using var dir = new TempDirectory("manifests");
        var input = dir.Write("objects.json", new JsonArray(list.Select(AsTheApiServerReadsIt).ToArray()).ToJsonString());
        var script = Path.Combine(AppContext.BaseDirectory, "Validation", "validate-manifests.mjs");

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, input, core, keda, prometheus },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        if (!node.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException("node validate-manifests.mjs took over 2 minutes");
        }
        if (node.ExitCode != 0) throw new InvalidOperationException($"node validate-manifests.mjs failed (exit {node.ExitCode}): {stderr.Result}");

        var results = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        if (results.Count != list.Count)
            throw new InvalidOperationException($"node checked {results.Count} of {list.Count} objects: {stdout.Result} {stderr.Result}");
        return results.Where(r => !(bool)r["ok"]!).Select(r => $"{(string?)r["id"]}: {(string?)r["problem"]}").ToList();
    }

    /// <summary>
    /// kustomize writes a long Secret value as base64 broken over lines; the API server's base64 decoder (Go's) skips
    /// line breaks, the schema's "byte" format does not, so they are joined first.
    /// </summary>
    private static JsonNode AsTheApiServerReadsIt(Manifest m)
    {
        var body = m.Body.DeepClone().AsObject();
        if (m.Kind == "Secret" && body["data"] is JsonObject data)
            foreach (var key in data.Select(kv => kv.Key).ToList())
                data[key] = ((string?)data[key])?.Replace("\n", "", StringComparison.Ordinal);
        return body;
    }
}
