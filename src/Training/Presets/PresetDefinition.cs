using Sweep.Training.Adapters;

namespace Sweep.Training.Presets;

/// <summary>One of the paper's configurations: adapter, base precision, ranks, and its default learning rate.</summary>
public sealed record PresetDefinition
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required AdapterMethod Method { get; init; }
    public required BasePrecision Precision { get; init; }
    /// <summary>LoRA rank for modules without a kind-specific rank (AdaLoRA: unused; see <see cref="AdaLora"/>).</summary>
    public int Rank { get; init; } = 8;
    public IReadOnlyDictionary<ModuleKind, int> RankByKind { get; init; } = new Dictionary<ModuleKind, int>();
    public AdaLoraSettings? AdaLora { get; init; }
    /// <summary>Whether sweeping "ranks" changes this preset (uniform fixed-rank LoRA only).</summary>
    public bool RankIsSwept => Method == AdapterMethod.Lora && RankByKind.Count == 0;

    /// <summary>The adapter plan for this preset; <paramref name="rank"/> overrides a swept rank.</summary>
    public AdapterPlan Plan(int? rank, double alpha, double dropout)
    {
        if (rank is <= 0) throw new InvalidInputException($"rank: must be > 0 (got {rank})");
        return Method switch
        {
            AdapterMethod.AdaLora => new AdapterPlan { Method = Method, Rank = AdaLora!.InitRank, Alpha = alpha, Dropout = dropout },
            _ => new AdapterPlan { Method = Method, Rank = RankIsSwept ? rank ?? Rank : Rank, RankByKind = RankByKind, Alpha = alpha, Dropout = dropout },
        };
    }
}
