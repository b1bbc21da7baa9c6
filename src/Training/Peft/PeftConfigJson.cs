using System.Text.Json;
using Sweep.Settings;
using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Models;
using Sweep.Training.Trials;

namespace Sweep.Training.Peft;

/// <summary>
/// <c>adapter_config.json</c> as PEFT's <c>save_pretrained</c> writes it: the config's fields with sorted keys, indented
/// by two, <c>inference_mode</c> true. LoRA: <c>LoraConfig</c>'s fields. AdaLoRA: <c>AdaLoraConfig</c>'s as well
/// (<c>init_r</c>, <c>target_r</c>, <c>tinit</c>, <c>tfinal</c>, <c>deltaT</c>, <c>beta1</c>, <c>beta2</c>,
/// <c>orth_reg_weight</c>, <c>total_step</c>) and the final <c>rank_pattern</c>: Λ's path → kept flag per triplet. AdaLoRA
/// ignores <c>r</c>; it stays at LoraConfig's default, as a PEFT user who sets <c>init_r</c> leaves it.
/// </summary>
public static class PeftConfigJson
{
    /// <summary>LoraConfig's default <c>r</c>.</summary>
    public const int DefaultR = 8;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string For(PreparedTrial trial, PeftExportInfo info)
    {
        if (trial.Adapters.Count == 0) throw new InvalidOperationException("no adapters to describe");
        var adapted = trial.Adapters.Select(a => a.Path).ToList();
        var linears = AdapterInjector.Linears(trial.Model.Module).Select(l => l.Path).ToList();
        var alpha = trial.Adapters[0].Adapter switch
        {
            LoraAdapter l => l.Alpha,
            AdaLoraAdapter a => a.Alpha,
            var other => throw new InvalidOperationException($"no PEFT form for adapter kind {other.Kind}"),
        };
        var config = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["alpha_pattern"] = new Dictionary<string, object>(),
            ["auto_mapping"] = null,
            ["base_model_name_or_path"] = PeftNames.BaseModel(info.Model),
            ["bias"] = "none",
            // GPT-2's linears are Conv1D in Hugging Face (weights [in, out]): PEFT sets this for them.
            ["fan_in_fan_out"] = trial.Model.Family == ModelFamily.Gpt2,
            ["inference_mode"] = true,
            ["init_lora_weights"] = true,
            ["layers_pattern"] = null,
            ["layers_to_transform"] = null,
            ["lora_alpha"] = Number(alpha),
            ["lora_dropout"] = info.Dropout,
            ["modules_to_save"] = info.Kind == TaskKind.Classification ? PeftNames.ClassifierModules : null,
            ["peft_type"] = PeftNames.PeftType(trial.Preset.Method),
            ["revision"] = null,
            ["target_modules"] = PeftNames.TargetModules(adapted, linears),
            ["task_type"] = PeftNames.TaskType(info.Kind),
            ["use_dora"] = false,
            ["use_rslora"] = false,
        };
        if (trial.Preset.AdaLora is { } ada)
        {
            var (tinit, tfinal) = ada.Phases(info.TotalSteps);
            config["r"] = DefaultR;
            config["init_r"] = ada.InitRank;
            config["target_r"] = ada.TargetRank;
            config["tinit"] = tinit;
            config["tfinal"] = tfinal;
            config["deltaT"] = ada.DeltaT;
            config["beta1"] = ada.Beta1;
            config["beta2"] = ada.Beta2;
            config["orth_reg_weight"] = ada.OrthRegWeight;
            config["total_step"] = info.TotalSteps;
            config["rank_pattern"] = new SortedDictionary<string, bool[]>(
                trial.Adapters.ToDictionary(a => PeftNames.RankPatternKey(a.Path), a => ((AdaLoraAdapter)a.Adapter).RankPattern.ToArray()),
                StringComparer.Ordinal);
        }
        else
        {
            config["r"] = info.Rank;
            config["rank_pattern"] = new SortedDictionary<string, int>(
                trial.Adapters.Where(a => a.Adapter.Rank != info.Rank).ToDictionary(a => a.Path, a => a.Adapter.Rank), StringComparer.Ordinal);
        }
        return JsonSerializer.Serialize(config, Options);
    }

    /// <summary>A whole α is written as an integer, as PEFT users give it.</summary>
    private static object Number(double value) => value == Math.Floor(value) && Math.Abs(value) < int.MaxValue ? (int)value : value;
}
