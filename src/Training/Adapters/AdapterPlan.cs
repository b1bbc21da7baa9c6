using Sweep.Settings;

namespace Sweep.Training.Adapters;

/// <summary>Which adapter to attach where, with which rank. Pure data; <see cref="AdapterInjector"/> applies it.</summary>
public sealed record AdapterPlan
{
    public AdapterMethod Method { get; init; } = AdapterMethod.Lora;
    /// <summary>Target module names (dotted suffixes such as "query", "attention.output.dense", "c_attn") or "all-linear".</summary>
    public IReadOnlyList<string> Targets { get; init; } = AdapterFields.Targets;
    /// <summary>Rank of modules with no kind-specific rank (LoRA) or initial rank (AdaLoRA).</summary>
    public int Rank { get; init; } = SweepFields.Rank.Value;
    /// <summary>Rank per module kind, overriding <see cref="Rank"/> (manual per-module ranks).</summary>
    public IReadOnlyDictionary<ModuleKind, int> RankByKind { get; init; } = new Dictionary<ModuleKind, int>();
    /// <summary>LoRA α: the update is scaled by α/r.</summary>
    public double Alpha { get; init; } = AdapterFields.Alpha.Value;
    public double Dropout { get; init; } = TrainingFields.LoraDropout.Value;

    public int RankFor(string path) => RankByKind.TryGetValue(ModuleKinds.Classify(path), out var r) ? r : Rank;
}
