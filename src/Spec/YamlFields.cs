using System.Globalization;
using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>
/// Typed reads from a YAML mapping that record a <see cref="SpecProblem"/> (with its field path and line)
/// instead of throwing, so that one pass reports every problem.
/// </summary>
internal sealed class YamlFields(List<SpecProblem> problems)
{
    public void Problem(string path, string message) => problems.Add(new SpecProblem(path, message));

    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string At(YamlNode node) => $"(line {node.Start.Line}, column {node.Start.Column})";

    public YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && !IsNull(node) ? node : null;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    /// <summary>Reports keys of <paramref name="map"/> that are not in <paramref name="known"/>.</summary>
    public void CheckKeys(YamlMappingNode map, string path, IReadOnlyList<string> known)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name))
                Problem(Join(path, name), $"unknown field {At(key)} (known: {string.Join(", ", known)})");
        }
    }

    public YamlMappingNode? Mapping(YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlMappingNode m) return m;
        Problem(path, $"must be a mapping of fields {At(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlSequenceNode s) return s;
        Problem(path, $"must be a list {At(node)}");
        return null;
    }

    public string? String(YamlNode? node, string path)
    {
        if (node is null) return null;
        if (node is YamlScalarNode { Value: not null } s) return s.Value.Trim();
        Problem(path, $"must be a single value {At(node)}");
        return null;
    }

    public string? RequiredString(YamlMappingNode map, string key, string path)
    {
        var node = Get(map, key);
        var p = Join(path, key);
        if (node is null) { Problem(p, "is required"); return null; }
        var s = String(node, p);
        if (s is { Length: 0 }) { Problem(p, "must not be empty"); return null; }
        return s;
    }

    /// <summary>A whole number, or a problem when the text is not one (bounds are the caller's).</summary>
    private int? ParseInt(YamlNode? node, string path)
    {
        var s = String(node, path);
        if (s is null) return null;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        Problem(path, $"'{s}' is not an integer {At(node!)}");
        return null;
    }

    /// <summary>A finite real, or a problem when the text is not one (bounds are the caller's).</summary>
    private double? ParseReal(YamlNode? node, string path)
    {
        var s = String(node, path);
        if (s is null) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Problem(path, $"'{s}' is not a number {At(node!)}");
        return null;
    }

    /// <summary>A whole number within <paramref name="bound"/> (its minimum and, where it has one, its maximum).</summary>
    public int? Int(YamlNode? node, string path, IntBound bound)
    {
        var v = ParseInt(node, path);
        if (v is { } x && !bound.Allows(x))
        {
            Problem(path, bound.Describe(x));
            return null;
        }
        return v;
    }

    /// <summary>A real within <paramref name="bound"/>; where the bound admits an exact 0, a literal <c>0</c> or <c>0.0</c>.</summary>
    public double? Real(YamlNode? node, string path, RealBound bound)
    {
        if (ParseReal(node, path) is not { } v) return null;
        if (bound.Allows(v)) return v;
        Problem(path, bound.Describe(v)); // the message train and inspect give for the same bound
        return null;
    }

    /// <summary>A yes/no value: <c>true</c> or <c>false</c> (YAML's yes/no/on/off are refused: they read differently across YAML versions).</summary>
    public bool? Bool(YamlNode? node, string path)
    {
        var s = String(node, path);
        if (s is null) return null;
        if (s is "true" or "false") return s == "true";
        Problem(path, $"must be true or false (got '{s}') {At(node!)}");
        return null;
    }

    /// <summary>A byte count: a plain integer or a number with a unit (KiB, MiB, GiB, TiB, KB, MB, GB, TB).</summary>
    public long? Bytes(YamlNode? node, string path)
    {
        var s = String(node, path);
        if (s is null) return null;
        var bytes = ByteSize.TryParse(s);
        if (bytes is null) Problem(path, $"'{s}' is not a size (e.g. 8GiB, 512MiB or a byte count) {At(node!)}");
        return bytes;
    }

    public List<T> List<T>(YamlNode? node, string path, Func<YamlNode, string, T?> item, int maxCount = int.MaxValue) where T : struct
    {
        var result = new List<T>();
        var seq = Sequence(node, path);
        if (seq is null) return result;
        if (seq.Children.Count > maxCount)
        {
            Problem(path, $"lists {seq.Children.Count} values; at most {maxCount} are allowed");
            return result;
        }
        for (var i = 0; i < seq.Children.Count; i++)
            if (item(seq.Children[i], $"{path}[{i}]") is { } v) result.Add(v);
        return result;
    }

    public List<string> StringList(YamlNode? node, string path)
    {
        var result = new List<string>();
        var seq = Sequence(node, path);
        if (seq is null) return result;
        for (var i = 0; i < seq.Children.Count; i++)
            if (String(seq.Children[i], $"{path}[{i}]") is { } v) result.Add(v);
        return result;
    }

}
