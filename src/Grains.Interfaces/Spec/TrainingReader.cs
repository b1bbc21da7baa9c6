using YamlDotNet.RepresentationModel;

namespace Sweep.Grains.Interfaces.Spec;

/// <summary>Reads <c>training:</c> and per-preset <c>overrides:</c> (the same fields, each optional).</summary>
internal static class TrainingReader
{
    private static readonly string[] Fields =
        ["lr", "batch_size", "epochs", "warmup_steps", "weight_decay", "max_grad_norm", "lora_dropout",
         "max_steps", "max_train_examples", "max_eval_examples", "max_length", "eval_fraction"];

    public static TrainingOverrides Read(YamlFields f, YamlNode? node, string path)
    {
        var map = f.Mapping(node, path);
        if (map is null) return new TrainingOverrides();
        f.CheckKeys(map, path, Fields);
        YamlNode? N(string key) => f.Get(map, key);
        string P(string key) => $"{path}.{key}";
        return new TrainingOverrides
        {
            LearningRate = f.Double(N("lr"), P("lr"), 0),
            BatchSize = f.Int(N("batch_size"), P("batch_size"), 1),
            Epochs = f.Int(N("epochs"), P("epochs"), 1),
            WarmupSteps = f.Int(N("warmup_steps"), P("warmup_steps"), 0),
            WeightDecay = NonNegative(f, N("weight_decay"), P("weight_decay")),
            MaxGradNorm = f.Double(N("max_grad_norm"), P("max_grad_norm"), 0),
            LoraDropout = Fraction(f, N("lora_dropout"), P("lora_dropout")),
            MaxSteps = f.Int(N("max_steps"), P("max_steps"), 1),
            MaxTrainExamples = f.Int(N("max_train_examples"), P("max_train_examples"), 1),
            MaxEvalExamples = f.Int(N("max_eval_examples"), P("max_eval_examples"), 1),
            MaxLength = f.Int(N("max_length"), P("max_length"), 1),
            EvalFraction = f.Double(N("eval_fraction"), P("eval_fraction"), 0, 1),
        };
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
            if (!Presets.IsKnown(preset)) f.Problem(path, $"unknown preset '{preset}' (known: {Presets.KnownList})");
            else if (presets.Count > 0 && !presets.Contains(preset)) f.Problem(path, $"preset '{preset}' is not in presets");
            result[preset] = Read(f, value, path);
        }
        return result;
    }

    private static double? NonNegative(YamlFields f, YamlNode? node, string path)
    {
        if (node is YamlScalarNode { Value: "0" or "0.0" }) return 0;
        return f.Double(node, path, 0);
    }

    private static double? Fraction(YamlFields f, YamlNode? node, string path)
    {
        if (node is YamlScalarNode { Value: "0" or "0.0" }) return 0;
        return f.Double(node, path, 0, 1);
    }
}
