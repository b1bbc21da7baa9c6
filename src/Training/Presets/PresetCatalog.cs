using Sweep.Settings;
using Sweep.Training.Adapters;
using PresetTable = Sweep.Settings.Presets;

namespace Sweep.Training.Presets;

/// <summary>
/// The training core's side of the preset table (<see cref="PresetTable"/>): a lookup that reports an unknown name as
/// bad input, and the adapter plan a preset asks for. Precision is applied by <see cref="PrecisionApplier"/>.
/// </summary>
public static class PresetCatalog
{
    public static PresetDefinition Get(string name) =>
        PresetTable.Find(name) ?? throw new InvalidInputException($"preset: {PresetTable.Unknown(name)}");

    /// <summary>The adapter plan for <paramref name="preset"/>; <paramref name="rank"/> overrides a swept rank.</summary>
    public static AdapterPlan Plan(this PresetDefinition preset, int? rank, double alpha, double dropout)
    {
        if (rank is <= 0) throw new InvalidInputException($"rank: must be > 0 (got {rank})");
        return preset.Method switch
        {
            AdapterMethod.AdaLora => new AdapterPlan { Method = preset.Method, Rank = preset.AdaLora!.InitRank, Alpha = alpha, Dropout = dropout },
            _ => new AdapterPlan
            {
                Method = preset.Method, Rank = preset.RankIsSwept ? rank ?? preset.Rank : preset.Rank, RankByKind = preset.RankByKind,
                Alpha = alpha, Dropout = dropout,
            },
        };
    }
}
