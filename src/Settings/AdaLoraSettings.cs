namespace Sweep.Settings;

/// <summary>
/// AdaLoRA's rank-allocation settings (PEFT's names). Phases are given as fractions of the total steps so a
/// preset fits any run length: the budget stays at the initial value for <c>tinit</c>, falls cubically to
/// the target, and stays there for the final <c>tfinal</c> steps.
/// </summary>
public sealed record AdaLoraSettings
{
    public int InitRank { get; init; } = AdapterFields.AdaInitRank.Value;
    public int TargetRank { get; init; } = AdapterFields.AdaTargetRank.Value;
    public double TinitFraction { get; init; } = AdapterFields.AdaTinit.Value;
    public double TfinalFraction { get; init; } = AdapterFields.AdaTfinal.Value;
    public int DeltaT { get; init; } = AdapterFields.AdaDeltaT.Value;
    public double Beta1 { get; init; } = AdapterFields.AdaBeta;
    public double Beta2 { get; init; } = AdapterFields.AdaBeta;
    public double OrthRegWeight { get; init; } = AdapterFields.AdaOrthRegWeight.Value;

    /// <summary>Resolves the phase lengths for a run of <paramref name="totalSteps"/> optimizer steps.</summary>
    public (int Tinit, int Tfinal) Phases(int totalSteps) =>
        ((int)Math.Round(TinitFraction * totalSteps), (int)Math.Round(TfinalFraction * totalSteps));

    /// <summary>Every problem, with its field name; empty when valid.</summary>
    public IReadOnlyList<string> Problems(int? totalSteps = null)
    {
        var p = new List<string>();
        if (InitRank <= 0) p.Add($"adalora.init_rank: must be > 0 (got {InitRank})");
        if (TargetRank <= 0) p.Add($"adalora.target_rank: must be > 0 (got {TargetRank})");
        if (TargetRank >= InitRank) p.Add($"adalora.target_rank: must be below init_rank {InitRank} (got {TargetRank})");
        if (TinitFraction < 0 || TfinalFraction < 0) p.Add("adalora.tinit/tfinal: must not be negative");
        if (DeltaT <= 0) p.Add($"adalora.delta_t: must be > 0 (got {DeltaT})");
        if (totalSteps is int total)
        {
            var (tinit, tfinal) = Phases(total);
            if (tinit + tfinal >= total)
                p.Add($"adalora.tinit + adalora.tfinal: {tinit} + {tfinal} steps must be fewer than the {total} total steps");
        }
        return p;
    }
}
