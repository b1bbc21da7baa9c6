using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweep.Deploy.Tests.Support;

/// <summary>One rendered Kubernetes object, as JSON (which is also YAML, so every checker can read <see cref="ToJson"/>).</summary>
public sealed class Manifest(JsonObject body)
{
    public JsonObject Body { get; } = body;

    public string ApiVersion => (string?)Body["apiVersion"] ?? "";
    public string Kind => (string?)Body["kind"] ?? "";
    public string Name => (string?)Body["metadata"]?["name"] ?? "";
    public string? Namespace => (string?)Body["metadata"]?["namespace"];

    /// <summary>The API group (empty for the core group).</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public string Id => $"{Kind}/{Name}";

    public string ToJson() => Body.ToJsonString();

    /// <summary>A deep copy to mutate in a test.</summary>
    public Manifest Clone() => new((JsonObject)Body.DeepClone());

    /// <summary>Every document of a YAML stream (empty documents skipped).</summary>
    public static IReadOnlyList<Manifest> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Where(d => d.RootNode is YamlMappingNode)
            .Select(d => new Manifest((JsonObject)YamlJson.ToJson(d.RootNode)!))
            .ToList();
    }
}
