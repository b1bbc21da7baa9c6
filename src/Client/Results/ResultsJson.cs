using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Results;

/// <summary>
/// <c>results.json</c> (DESIGN.md "Results" contract): <c>{ experiment, spec, trials: [...], analysis: {...} }</c>,
/// snake_case names, states as words.
/// </summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ExperimentResults results, string? analysisJson)
    {
        var root = new JsonObject
        {
            ["experiment"] = new JsonObject { ["id"] = results.Id, ["name"] = results.Spec?.Name, ["state"] = results.State.ToString() },
            ["spec"] = JsonSerializer.SerializeToNode(results.Spec, Options),
            ["trials"] = new JsonArray(results.Trials.Select(Trial).ToArray<JsonNode?>()),
            ["analysis"] = analysisJson is null ? null : JsonNode.Parse(analysisJson),
        };
        return root.ToJsonString(Options);
    }

    /// <summary>The contract's metric names, always present (null where a metric does not apply, e.g. perplexity of a classifier).</summary>
    public static readonly IReadOnlyList<string> ContractMetrics = MetricNames.Reported;

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics)
    {
        var o = new JsonObject();
        foreach (var name in ContractMetrics.Concat(metrics.Keys.Except(ContractMetrics)))
            o[name] = metrics.TryGetValue(name, out var v) ? JsonSerializer.SerializeToNode(v, Options) : null;
        return o;
    }

    private static JsonNode Trial(TrialOutcome t) => new JsonObject
    {
        ["id"] = t.Id, ["task"] = t.Task, ["preset"] = t.Preset, ["method"] = t.Method, ["rank"] = t.Rank, ["seed"] = t.Seed,
        ["state"] = t.State.ToString(), ["attempts"] = t.Attempts, ["silo"] = t.Silo, ["device"] = t.Device,
        ["base_dtype"] = t.BaseDtype, ["compute_dtype"] = t.ComputeDtype,
        ["metrics"] = Metrics(t.Metrics),
        ["rank_pattern"] = JsonSerializer.SerializeToNode(t.RankPattern, Options),
        ["loss_curve"] = JsonSerializer.SerializeToNode(t.LossCurve, Options),
        ["eval_predictions"] = JsonSerializer.SerializeToNode(t.EvalPredictions, Options),
        ["eval_labels"] = JsonSerializer.SerializeToNode(t.EvalLabels, Options),
        ["diverged_at_step"] = t.DivergedAtStep,
        ["started_at"] = t.StartedAt, ["finished_at"] = t.FinishedAt,
        ["error"] = t.Error,
    };
}
