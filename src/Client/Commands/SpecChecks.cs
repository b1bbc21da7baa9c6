using Sweep.Settings;
using Sweep.Spec;
using Sweep.Training;
using Sweep.Training.Data.Sources;
using Sweep.Training.Models;

namespace Sweep.Client.Commands;

/// <summary>
/// Everything about a spec that can be checked on this machine before anything is submitted, beyond what the spec
/// reader checks: each model is built-in or a Hugging Face model directory with a readable config.json for the task's
/// kind, each data path exists and holds the expected files, and max_length fits each model's positions.
/// <c>validate</c>, <c>run</c> and <c>submit</c> load specs through <see cref="LoadFile"/>; <c>train</c> and
/// <c>inspect</c> check their model with <see cref="Model"/>.
/// </summary>
public static class SpecChecks
{
    /// <summary>The spec at <paramref name="path"/> with every problem the reader and these checks find.</summary>
    public static SpecLoadResult LoadFile(string path)
    {
        var result = SpecLoader.LoadFile(path);
        if (!result.IsValid) return result;
        var problems = Check(result.Spec!);
        return problems.Count == 0 ? result : new SpecLoadResult(null, problems);
    }

    public static List<SpecProblem> Check(SweepSpec spec)
    {
        var problems = new List<SpecProblem>();
        for (var i = 0; i < spec.Tasks.Count; i++)
        {
            var task = spec.Tasks[i];
            var path = $"tasks[{i}]";
            var kind = TaskKinds.Parse(task.Kind);
            var positions = 0;
            if (task.Base is { } recipe)
            {
                positions = recipe.Positions;
                if (Data(recipe.Data) is { } corpus) problems.Add(new SpecProblem($"{path}.model.pretrain.data", corpus));
            }
            if (task.Base is null && Model(task.Model, kind, out positions) is { } model) problems.Add(new SpecProblem($"{path}.model", model));
            else
            {
                foreach (var (field, length) in MaxLengths(spec))
                    if (length > positions)
                        problems.Add(new SpecProblem(field,
                            $"must be <= {positions}, the positions of {path}.model '{task.Model}' (got {length})"));
            }
            if (Data(task.Data) is { } data) problems.Add(new SpecProblem($"{path}.data", data));
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with <paramref name="model"/> for a task of <paramref name="kind"/>, or null; then
    /// <paramref name="positions"/> is how long a sequence the model takes (its config.json is read once).
    /// </summary>
    public static string? Model(string model, TaskKind kind, out int positions)
    {
        positions = 0;
        if (BuiltInModels.Find(model) is { } builtIn)
        {
            positions = builtIn.MaxPositions;
            return builtIn.Kind != kind ? $"'{model}' is a {TaskKinds.Name(builtIn.Kind)} model, but the task is {TaskKinds.Name(kind)}" : null;
        }
        if (!Directory.Exists(model))
            return $"'{model}' is neither a built-in model ({BuiltInModels.Known}) nor a directory";
        var config = Path.Combine(model, "config.json");
        if (!File.Exists(config)) return $"{config}: missing (a Hugging Face model directory needs config.json)";
        if (ReadConfig(config, out var error) is not { } info) return error;
        if (info.Kind is not { } modelKind) return $"{config}: model_type '{info.Type}' is not supported (bert, gpt2)";
        if (modelKind != kind) return $"{config}: a {info.Type} model serves {TaskKinds.Name(modelKind)}, but the task is {TaskKinds.Name(kind)}";
        positions = info.Positions;
        return null;
    }

    /// <summary>What is wrong with a data source's files, or null (built-in sources need none).</summary>
    public static string? Data(string data)
    {
        var colon = data.IndexOf(':');
        if (colon < 0) return null;
        var (kind, path) = (data[..colon], data[(colon + 1)..]);
        try
        {
            if (kind == Training.Data.DataSources.Sst2Prefix) Sst2TsvSource.Check(path);
            else if (kind == Training.Data.DataSources.WikiText2Prefix) WikiText2Source.Check(path);
            return null;
        }
        catch (InvalidInputException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path}: cannot be read ({e.Message})";
        }
    }

    /// <summary>Every max_length the spec sets, with its field path.</summary>
    private static IEnumerable<(string Field, int Length)> MaxLengths(SweepSpec spec)
    {
        yield return ("training.max_length", spec.Training.MaxLength ?? TrainingFields.MaxLength.Value);
        foreach (var (preset, o) in spec.Overrides)
            if (o.MaxLength is { } length) yield return ($"overrides.{preset}.max_length", length);
    }

    private sealed record ConfigInfo(string? Type, TaskKind? Kind, int Positions);

    /// <summary>The model type, task kind and positions of a model directory's config.json, read as the core reads it.</summary>
    private static ConfigInfo? ReadConfig(string path, out string error)
    {
        error = "";
        try
        {
            var (json, type) = HfConfigFile.Read(path);
            return type switch
            {
                "bert" => new ConfigInfo(type, TaskKind.Classification, BertConfig.FromJson(json, path).MaxPositionEmbeddings),
                "gpt2" => new ConfigInfo(type, TaskKind.LanguageModelling, Gpt2Config.FromJson(json, path).NPositions),
                _ => new ConfigInfo(type, null, 0),
            };
        }
        catch (InvalidInputException e)
        {
            error = e.Message;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({e.Message})";
            return null;
        }
    }
}
