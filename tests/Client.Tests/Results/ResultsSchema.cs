using System.Text.Json.Nodes;
using Json.Schema;

namespace Sweep.Client.Tests.Results;

/// <summary>docs/results.schema.json (copied beside the tests), and validation of a document against it.</summary>
public static class ResultsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "results.schema.json"))));

    /// <returns>the schema's complaints, empty when the document is valid.</returns>
    public static IReadOnlyList<string> Problems(JsonNode? document)
    {
        var result = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }
}
