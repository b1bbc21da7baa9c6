using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>Reads and checks <c>tasks:</c> (name, kind, model, data).</summary>
internal static class TaskReader
{

    public static List<TaskSpec> ReadTasks(YamlFields f, YamlNode? node)
    {
        var tasks = new List<TaskSpec>();
        if (node is null) { f.Problem("tasks", "is required (a list of {name, kind, model, data})"); return tasks; }
        var seq = f.Sequence(node, "tasks");
        if (seq is null) return tasks;
        if (seq.Children.Count == 0) f.Problem("tasks", "must not be empty");
        if (seq.Children.Count > SweepFields.MaxTasks)
        {
            f.Problem("tasks", $"lists {seq.Children.Count} tasks; at most {SweepFields.MaxTasks} are allowed");
            return tasks;
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = $"tasks[{i}]";
            var map = f.Mapping(seq.Children[i], path);
            if (map is null) continue;
            var task = ReadTask(f, map, path);
            if (task is null) continue;
            if (tasks.Any(t => t.Name == task.Name)) f.Problem($"{path}.name", $"'{task.Name}' is used by another task");
            else tasks.Add(task);
        }
        return tasks;
    }

    private static TaskSpec? ReadTask(YamlFields f, YamlMappingNode map, string path)
    {
        f.CheckKeys(map, path, ["name", "kind", "model", "data"]);
        var name = f.RequiredString(map, "name", path);
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            f.Problem($"{path}.name", $"'{name}' may only contain letters, digits, '-', '_' and '.'");
            name = null;
        }
        var kind = f.String(f.Get(map, "kind"), $"{path}.kind");
        kind = kind switch
        {
            null or "" => null,
            "classification" => TaskKinds.Classification,
            "language-modelling" or "language-modeling" or "lm" => TaskKinds.LanguageModelling,
            _ => Invalid(f, $"{path}.kind", $"'{kind}' is not one of classification, language-modelling"),
        };
        var data = ReadData(f, f.Get(map, "data"), $"{path}.data");
        var dataKind = data is null ? null : DataSources.KindOf(data);
        if (kind is not null && dataKind is not null && kind != dataKind)
            f.Problem($"{path}.kind", $"'{kind}' does not fit data '{data}', which is for {dataKind}");
        var resolvedKind = kind ?? dataKind ?? TaskKinds.Classification;
        BaseRecipe? recipe = null;
        string? model;
        if (f.Get(map, "model") is YamlMappingNode recipeNode)
        {
            recipe = BaseRecipeReader.Read(f, recipeNode, $"{path}.model", resolvedKind);
            model = recipe?.ModelName;
        }
        else model = f.RequiredString(map, "model", path);
        if (name is null || model is null || data is null) return null;
        return new TaskSpec { Name = name, Kind = resolvedKind, Model = model, Data = data, Base = recipe };
    }

    /// <summary>A built-in name, <c>{ sst2: PATH }</c> or <c>"sst2:PATH"</c>; returns the canonical <c>kind:PATH</c> form.</summary>
    private static string? ReadData(YamlFields f, YamlNode? node, string path)
    {
        if (node is null) { f.Problem(path, $"is required (known: {DataSources.Known})"); return null; }
        string kind;
        string? dataPath;
        if (node is YamlMappingNode map)
        {
            if (map.Children.Count != 1) { f.Problem(path, $"must name one source, e.g. {{ sst2: PATH }} {YamlFields.At(node)}"); return null; }
            var (k, v) = map.Children.First();
            kind = (k as YamlScalarNode)?.Value ?? "";
            dataPath = YamlFields.IsNull(v) ? null : f.String(v, $"{path}.{kind}");
        }
        else
        {
            var text = f.String(node, path);
            if (text is null) return null;
            var colon = text.IndexOf(':');
            kind = colon < 0 ? text : text[..colon].Trim();
            dataPath = colon < 0 ? null : text[(colon + 1)..].Trim();
        }
        if (DataSources.WithPath.ContainsKey(kind))
        {
            if (string.IsNullOrWhiteSpace(dataPath)) { f.Problem(path, $"{kind} needs a dataset path ({kind}: PATH)"); return null; }
            return $"{kind}:{dataPath}";
        }
        if (DataSources.BuiltIn.ContainsKey(kind) && dataPath is null) return kind;
        f.Problem(path, $"unknown data source '{kind}' (known: {DataSources.Known})");
        return null;
    }

    private static string? Invalid(YamlFields f, string path, string message)
    {
        f.Problem(path, message);
        return null;
    }
}
