using System.Text.Json;
using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Trials;
using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Peft;

/// <summary>
/// Loads a PEFT-format adapter directory (<see cref="PeftAdapterFiles"/>) into a model prepared with the same model and
/// preset: every adapter key and the head must be there with the shape the model expects, and nothing else. AdaLoRA
/// comes back at its initial rank with the pruned triplets zero and masked (where PEFT would shrink the layers): the
/// forward pass then does the arithmetic training did, so an evaluation reproduces the trial's to the last bit.
/// </summary>
public static class PeftAdapterLoader
{
    public static void Load(string directory, PreparedTrial trial)
    {
        var configPath = Path.Combine(directory, PeftAdapterFiles.ConfigFileName);
        var modelPath = Path.Combine(directory, PeftAdapterFiles.ModelFileName);
        if (!File.Exists(configPath)) throw new InvalidInputException($"{configPath}: missing (a PEFT adapter directory holds {PeftAdapterFiles.ConfigFileName} and {PeftAdapterFiles.ModelFileName})");
        if (!File.Exists(modelPath)) throw new InvalidInputException($"{modelPath}: missing");
        var rankPattern = ReadConfig(configPath, trial);
        var tensors = SafetensorsFile.Read(modelPath);
        try
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            Tensor Take(string key, long[] shape)
            {
                if (!tensors.TryGetValue(key, out var t)) throw new InvalidInputException($"{modelPath}: no tensor '{key}'");
                if (!t.shape.SequenceEqual(shape))
                    throw new InvalidInputException($"{modelPath}: '{key}' has shape [{string.Join(", ", t.shape)}], the model needs [{string.Join(", ", shape)}]");
                used.Add(key);
                return t;
            }
            using (no_grad())
            {
                foreach (var (path, adapter) in trial.Adapters)
                {
                    switch (adapter)
                    {
                        case LoraAdapter lora:
                            lora.A.copy_(Take(PeftNames.LoraA(path), lora.A.shape));
                            lora.B.copy_(Take(PeftNames.LoraB(path), lora.B.shape));
                            break;
                        case AdaLoraAdapter ada:
                            LoadAdaLora(path, ada, rankPattern, configPath, Take);
                            break;
                        default:
                            throw new InvalidOperationException($"{path}: no PEFT form for adapter kind {adapter.Kind}");
                    }
                }
                var head = trial.Model.Classifier?.HeadPrefixes ?? [];
                foreach (var (name, p) in trial.Model.Module.named_parameters())
                    if (head.Any(h => name.StartsWith(h, StringComparison.Ordinal))) p.copy_(Take(PeftNames.Saved(name), p.shape));
            }
            var extra = tensors.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
                throw new InvalidInputException($"{modelPath}: {extra.Count} tensor(s) the model has no place for, e.g. '{extra[0]}' (another model or preset?)");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static void LoadAdaLora(string path, AdaLoraAdapter ada, IReadOnlyDictionary<string, bool[]>? rankPattern, string configPath,
        Func<string, long[], Tensor> take)
    {
        var keep = Enumerable.Repeat(true, ada.InitialRank).ToArray();
        if (rankPattern is not null)
        {
            var key = PeftNames.RankPatternKey(path);
            if (!rankPattern.TryGetValue(key, out var pattern)) throw new InvalidInputException($"{configPath}: rank_pattern has no '{key}'");
            if (pattern.Length != ada.InitialRank)
                throw new InvalidInputException($"{configPath}: rank_pattern.{key} has {pattern.Length} entries, init_r is {ada.InitialRank}");
            keep = pattern;
        }
        var kept = keep.Select((k, i) => (k, i)).Where(x => x.k).Select(x => (long)x.i).ToArray();
        using var index = tensor(kept, dtype: ScalarType.Int64, device: ada.A.device);
        var a = take(PeftNames.AdaA(path), [kept.Length, ada.InFeatures]);
        var e = take(PeftNames.AdaE(path), [kept.Length, 1]);
        var b = take(PeftNames.AdaB(path), [ada.OutFeatures, kept.Length]);
        ada.A.zero_().index_copy_(0, index, a.to(ada.A.dtype, ada.A.device));
        ada.E.zero_().index_copy_(0, index, e.to(ada.E.dtype, ada.E.device));
        ada.B.zero_().index_copy_(1, index, b.to(ada.B.dtype, ada.B.device));
        ada.ApplyRankMask(keep);
    }

    /// <summary>Checks that the config is for this preset's method; returns AdaLoRA's rank pattern (null for LoRA or none saved).</summary>
    private static IReadOnlyDictionary<string, bool[]>? ReadConfig(string configPath, PreparedTrial trial)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(configPath)); }
        catch (JsonException e) { throw new InvalidInputException($"{configPath}: not valid JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            var expected = PeftNames.PeftType(trial.Preset.Method);
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("peft_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != expected) throw new InvalidInputException($"{configPath}: peft_type is {type ?? "missing"}, preset {trial.Preset.Name} needs {expected}");
            if (expected != PeftNames.AdaLora || !root.TryGetProperty("rank_pattern", out var rp) || rp.ValueKind == JsonValueKind.Null) return null;
            if (rp.ValueKind != JsonValueKind.Object) throw new InvalidInputException($"{configPath}: rank_pattern must be an object");
            var result = new Dictionary<string, bool[]>(StringComparer.Ordinal);
            foreach (var p in rp.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(v => v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
                    throw new InvalidInputException($"{configPath}: rank_pattern.{p.Name} must be a list of true/false");
                result[p.Name] = p.Value.EnumerateArray().Select(v => v.GetBoolean()).ToArray();
            }
            return result;
        }
    }
}
