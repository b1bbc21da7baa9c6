using Sweep.Settings;

namespace Sweep.Spec;

/// <summary>
/// Names of data sources a spec may use (part of the spec contract): built-in ones, and the real-file kinds that need a path
/// (written <c>data: { sst2: PATH }</c> or <c>data: "sst2:PATH"</c>; carried as <c>sst2:PATH</c>).
/// </summary>
public static class DataSources
{
    /// <summary>Built-in source → the task kind it serves.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["uci-sentiment"] = TaskKinds.Classification,
        ["toy-sentiment"] = TaskKinds.Classification,
        ["sotu"] = TaskKinds.LanguageModelling,
        ["moby-dick"] = TaskKinds.LanguageModelling,
        ["toy-text"] = TaskKinds.LanguageModelling,
    };

    /// <summary>Real-file kinds → the task kind they serve.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithPath = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sst2"] = TaskKinds.Classification,
        ["wikitext2"] = TaskKinds.LanguageModelling,
    };

    public static string Known => string.Join(", ", BuiltIn.Keys.Concat(WithPath.Keys.Select(k => $"{k}: PATH")));

    /// <summary>The task kind a data value serves, or null when unknown.</summary>
    public static string? KindOf(string data)
    {
        if (BuiltIn.TryGetValue(data, out var kind)) return kind;
        var colon = data.IndexOf(':');
        return colon > 0 && WithPath.TryGetValue(data[..colon], out var k) ? k : null;
    }
}
