using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>
/// Reads <c>training:</c> and per-preset <c>overrides:</c> (the same fields, each optional): every field of
/// <see cref="TrainingFields.All"/> under its key, checked against its bounds.
/// </summary>
internal static class TrainingReader
{
    public static TrainingOverrides Read(YamlFields f, YamlNode? node, string path)
    {
        var map = f.Mapping(node, path);
        if (map is null) return new TrainingOverrides();
        f.CheckKeys(map, path, TrainingFields.Keys);
        var result = new TrainingOverrides();
        foreach (var field in TrainingFields.All)
        {
            var value = f.Get(map, field.Key);
            var at = $"{path}.{field.Key}";
            result = field switch
            {
                IntField i => i.Set(result, f.Int(value, at, i.Bound)),
                RealField r => r.Set(result, f.Real(value, at, r.Bound)),
                _ => throw new InvalidOperationException($"{field.Key}: no reader for {field.GetType().Name}"),
            };
        }
        return result;
    }

    public static Dictionary<string, TrainingOverrides> ReadOverrides(YamlFields f, YamlNode? node, IReadOnlyList<string> presets)
    {
        var result = new Dictionary<string, TrainingOverrides>(StringComparer.Ordinal);
        var map = f.Mapping(node, "overrides");
        if (map is null) return result;
        foreach (var (key, value) in map.Children)
        {
            var preset = (key as YamlScalarNode)?.Value ?? "";
            var path = $"overrides.{preset}";
            if (!Presets.IsKnown(preset)) f.Problem(path, Presets.Unknown(preset));
            else if (presets.Count > 0 && !presets.Contains(preset)) f.Problem(path, $"preset '{preset}' is not in presets");
            result[preset] = Read(f, value, path);
        }
        return result;
    }
}
