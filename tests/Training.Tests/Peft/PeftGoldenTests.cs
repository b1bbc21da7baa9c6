using System.Text.Json;
using Sweep.Settings;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Peft;
using Sweep.Training.Trials;
using Sweep.Training.Weights;

namespace Sweep.Training.Tests.Peft;

/// <summary>
/// Key names, shapes and config of exported adapters against expectations written from PEFT's conventions (not from our
/// output): keys <c>base_model.model.&lt;HF module path&gt;.lora_A.weight</c> (LoRA modules) or <c>.lora_A</c> / <c>.lora_E</c> /
/// <c>.lora_B</c> (AdaLoRA parameters), A [r, in], B [out, r], Λ [r, 1], the classifier head under its own name.
/// bert-base-uncased and gpt2 are built from their configs with random weights: names and shapes need no weights.
/// </summary>
[Collection(GlobalTorchRandom.Name)]
[Category(Category.Training)]
public sealed class PeftGoldenTests
{
    private static readonly (string Module, long In, long Out)[] BertLayer =
    [
        ("attention.self.query", 768, 768), ("attention.self.key", 768, 768), ("attention.self.value", 768, 768),
        ("attention.output.dense", 768, 768), ("intermediate.dense", 768, 3072), ("output.dense", 3072, 768),
    ];

    private static IEnumerable<(string Path, long In, long Out)> BertBaseTargets() =>
        Enumerable.Range(0, 12).SelectMany(l => BertLayer.Select(m => ($"bert.encoder.layer.{l}.{m.Module}", m.In, m.Out)))
            .Append(("bert.pooler.dense", 768L, 768L));

    private static PreparedTrial Prepare(string model, TaskKind kind, string preset) =>
        TrialPreparation.Prepare(model, kind, preset, rank: null, seed: 1, device: "cpu", loadWeights: false);

    [Fact]
    public void BertBaseLoraKeysShapesAndConfigAreWhatPeftSaves()
    {
        var trial = Prepare("bert-base-uncased", TaskKind.Classification, "B-FP");
        using var _ = trial.Model.Module;
        var expected = new Dictionary<string, long[]>();
        foreach (var (path, i, o) in BertBaseTargets())
        {
            expected[$"base_model.model.{path}.lora_A.weight"] = [8, i];
            expected[$"base_model.model.{path}.lora_B.weight"] = [o, 8];
        }
        expected["base_model.model.classifier.weight"] = [2, 768];
        expected["base_model.model.classifier.bias"] = [2];

        var files = PeftExporter.Export(trial, new PeftExportInfo("bert-base-uncased", TaskKind.Classification, 8, 0.1, 1000));

        var saved = SavedShapes(files);
        Assert.Equal(148, expected.Count);
        Assert.Equal(expected.Keys.Order(), saved.Keys.Order());
        foreach (var (key, shape) in expected) Assert.True(shape.SequenceEqual(saved[key]), $"{key}: [{string.Join(", ", saved[key])}]");
        Assert.Equal(1_340_930, saved.Values.Sum(s => s.Aggregate(1L, (a, d) => a * d))); // the design's trainable count for B-FP
        using var config = JsonDocument.Parse(files.Config);
        var c = config.RootElement;
        Assert.Equal("LORA", c.GetProperty("peft_type").GetString());
        Assert.Equal("SEQ_CLS", c.GetProperty("task_type").GetString());
        Assert.Equal("bert-base-uncased", c.GetProperty("base_model_name_or_path").GetString());
        Assert.Equal(8, c.GetProperty("r").GetInt32());
        Assert.Equal(16, c.GetProperty("lora_alpha").GetInt32());
        Assert.Equal(["dense", "key", "query", "value"], Strings(c.GetProperty("target_modules")));
        Assert.Equal(["classifier", "score"], Strings(c.GetProperty("modules_to_save")));
        Assert.False(c.GetProperty("fan_in_fan_out").GetBoolean());
        Assert.True(c.GetProperty("inference_mode").GetBoolean());
        Assert.Equal("none", c.GetProperty("bias").GetString());
        Assert.Empty(c.GetProperty("rank_pattern").EnumerateObject());
        var keys = c.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys); // PEFT writes sorted keys
    }

    [Fact]
    public void BertBaseAdaLoraKeysShapesRankPatternAndConfigAreWhatPeftSaves()
    {
        var trial = Prepare("bert-base-uncased", TaskKind.Classification, "B-Ada");
        using var _ = trial.Model.Module;
        // Before any pruning every module keeps init_r = 12 triplets: A [12, in], Λ [12, 1], B [out, 12].
        var expected = new Dictionary<string, long[]>();
        foreach (var (path, i, o) in BertBaseTargets())
        {
            expected[$"base_model.model.{path}.lora_A"] = [12, i];
            expected[$"base_model.model.{path}.lora_E"] = [12, 1];
            expected[$"base_model.model.{path}.lora_B"] = [o, 12];
        }
        expected["base_model.model.classifier.weight"] = [2, 768];
        expected["base_model.model.classifier.bias"] = [2];
        var info = new PeftExportInfo("bert-base-uncased", TaskKind.Classification, 8, 0.1, 1000);

        var before = SavedShapes(PeftExporter.Export(trial, info));
        Assert.Equal(221, expected.Count);
        Assert.Equal(expected.Keys.Order(), before.Keys.Order());
        foreach (var (key, shape) in expected) Assert.True(shape.SequenceEqual(before[key]), $"{key}: [{string.Join(", ", before[key])}]");
        Assert.Equal(2_011_502, before.Values.Sum(s => s.Aggregate(1L, (a, d) => a * d))); // the design's trainable count for B-Ada

        // Pruned to 5 of 12 in layer 0's query: PEFT saves only the kept rows of A and Λ and the kept columns of B.
        var query = (AdaLoraAdapter)trial.Adapters.Single(a => a.Path == "bert.encoder.layer.0.attention.self.query").Adapter;
        bool[] keep = [true, false, true, false, false, true, false, true, false, false, true, false];
        query.ApplyRankMask(keep);
        var files = PeftExporter.Export(trial, info);
        var after = SavedShapes(files);
        Assert.Equal(new long[] { 5, 768 }, after["base_model.model.bert.encoder.layer.0.attention.self.query.lora_A"]);
        Assert.Equal(new long[] { 5, 1 }, after["base_model.model.bert.encoder.layer.0.attention.self.query.lora_E"]);
        Assert.Equal(new long[] { 768, 5 }, after["base_model.model.bert.encoder.layer.0.attention.self.query.lora_B"]);
        Assert.Equal(new long[] { 12, 768 }, after["base_model.model.bert.encoder.layer.0.attention.self.key.lora_A"]);
        Assert.DoesNotContain(after.Keys, k => k.Contains("ranknum")); // PEFT keeps only lora_ keys

        using var config = JsonDocument.Parse(files.Config);
        var c = config.RootElement;
        Assert.Equal("ADALORA", c.GetProperty("peft_type").GetString());
        Assert.Equal("SEQ_CLS", c.GetProperty("task_type").GetString());
        Assert.Equal((12, 4, 1000), (c.GetProperty("init_r").GetInt32(), c.GetProperty("target_r").GetInt32(), c.GetProperty("total_step").GetInt32()));
        Assert.Equal((100, 200, 10), (c.GetProperty("tinit").GetInt32(), c.GetProperty("tfinal").GetInt32(), c.GetProperty("deltaT").GetInt32()));
        Assert.Equal(16, c.GetProperty("lora_alpha").GetInt32());
        Assert.Equal(["dense", "key", "query", "value"], Strings(c.GetProperty("target_modules")));
        var pattern = c.GetProperty("rank_pattern");
        Assert.Equal(73, pattern.EnumerateObject().Count());
        Assert.Equal(keep, pattern.GetProperty("bert.encoder.layer.0.attention.self.query.lora_E").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.All(pattern.GetProperty("bert.pooler.dense.lora_E").EnumerateArray(), v => Assert.True(v.GetBoolean()));
    }

    [Fact]
    public void Gpt2KeysAreTheTransformersPathsWithConv1DShapesAsPeftCountsThem()
    {
        var trial = Prepare("gpt2", TaskKind.LanguageModelling, "B-FP");
        using var _ = trial.Model.Module;

        var files = PeftExporter.Export(trial, new PeftExportInfo("gpt2", TaskKind.LanguageModelling, 8, 0.1, 1000));

        var saved = SavedShapes(files);
        Assert.Equal(96, saved.Count); // 12 blocks × (c_attn, attn.c_proj, c_fc, mlp.c_proj) × (A, B); no head is trained
        // PEFT takes Conv1D's in/out from its [in, out] weight: c_attn 768 → 2304, c_fc 768 → 3072, mlp.c_proj 3072 → 768.
        Assert.Equal(new long[] { 8, 768 }, saved["base_model.model.transformer.h.0.attn.c_attn.lora_A.weight"]);
        Assert.Equal(new long[] { 2304, 8 }, saved["base_model.model.transformer.h.0.attn.c_attn.lora_B.weight"]);
        Assert.Equal(new long[] { 768, 8 }, saved["base_model.model.transformer.h.11.attn.c_proj.lora_B.weight"]);
        Assert.Equal(new long[] { 3072, 8 }, saved["base_model.model.transformer.h.5.mlp.c_fc.lora_B.weight"]);
        Assert.Equal(new long[] { 8, 3072 }, saved["base_model.model.transformer.h.5.mlp.c_proj.lora_A.weight"]);
        using var config = JsonDocument.Parse(files.Config);
        var c = config.RootElement;
        Assert.Equal("CAUSAL_LM", c.GetProperty("task_type").GetString());
        Assert.True(c.GetProperty("fan_in_fan_out").GetBoolean());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("modules_to_save").ValueKind);
        Assert.Equal(["c_attn", "c_fc", "c_proj"], Strings(c.GetProperty("target_modules")));
    }

    [Fact]
    public void ManualPerModuleRanksGoToRankPatternAndNarrowTargetsAreListedInFull()
    {
        var trial = TrialPreparation.Prepare("tiny-bert", TaskKind.Classification, "Joint-3", rank: null, seed: 1, device: "cpu", loadWeights: false,
            adapter: new AdapterSpec { Targets = ["query", "output.dense"] });
        using var _ = trial.Model.Module;

        var files = PeftExporter.Export(trial, new PeftExportInfo("tiny-bert", TaskKind.Classification, 8, 0.1, 100));

        using var config = JsonDocument.Parse(files.Config);
        var c = config.RootElement;
        // "output.dense" selects the FFN output but not the attention output: the short names cannot say that.
        var targets = Strings(c.GetProperty("target_modules"));
        Assert.Contains("bert.encoder.layer.0.output.dense", targets);
        Assert.DoesNotContain("bert.encoder.layer.0.attention.output.dense", targets);
        Assert.Contains("bert.encoder.layer.0.attention.self.query", targets);
        var pattern = c.GetProperty("rank_pattern");
        Assert.Equal(6, pattern.GetProperty("bert.encoder.layer.0.attention.self.query").GetInt32());
        Assert.Equal(10, pattern.GetProperty("bert.encoder.layer.0.output.dense").GetInt32());
    }

    private static IReadOnlyDictionary<string, long[]> SavedShapes(PeftAdapterFiles files)
    {
        using var dir = new TempDirectory("peft");
        var path = dir.File(PeftAdapterFiles.ModelFileName);
        File.WriteAllBytes(path, files.Model);
        var header = SafetensorsFile.ReadHeader(path);
        Assert.Equal("pt", header.Metadata["format"]);
        Assert.All(header.Entries, e => Assert.Equal(TorchSharp.torch.ScalarType.Float32, e.DType));
        return header.Entries.ToDictionary(e => e.Name, e => e.Shape);
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!).ToList();
}
