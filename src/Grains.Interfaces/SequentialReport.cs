using Sweep.Analysis.Sequential;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// Seeds on demand as an experiment ran it: the design (method, α, margin, the seed counts of its looks), the look the
/// sweep is at, the trials it ran against the trials of running every preset to <c>seeds.max</c>, and each comparison's
/// looks and decision. Held in the experiment's state and shown by <c>status</c>, <c>watch</c> and the results files.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SequentialReport
{
    [Id(0)] public required string Method { get; init; }
    [Id(1)] public double Alpha { get; init; }
    [Id(2)] public double? EquivalenceMargin { get; init; }
    /// <summary>Seed counts n_1 &lt; … &lt; n_K of the looks.</summary>
    [Id(3)] public required IReadOnlyList<int> LookSeeds { get; init; }
    /// <summary>The look whose seeds are running or last ran (1-based).</summary>
    [Id(4)] public int CurrentLook { get; init; } = 1;
    /// <summary>Trials the sweep has asked for so far.</summary>
    [Id(5)] public long TrialsScheduled { get; init; }
    /// <summary>Trials of the same sweep with every preset run to <c>seeds.max</c>.</summary>
    [Id(6)] public long TrialsAtMax { get; init; }
    [Id(7)] public IReadOnlyList<SequentialComparisonReport> Comparisons { get; init; } = [];
    /// <summary>True once no comparison is open (or the last look is taken).</summary>
    [Id(8)] public bool Done { get; init; }

    public int Looks => LookSeeds.Count;
    public long TrialsSaved => TrialsAtMax - TrialsScheduled;
}

/// <summary>One comparison (preset against the baseline on a task, on one metric) and every look taken at it.</summary>
[GenerateSerializer, Immutable]
public sealed record SequentialComparisonReport
{
    [Id(0)] public required string Task { get; init; }
    [Id(1)] public required string Metric { get; init; }
    [Id(2)] public required string Baseline { get; init; }
    [Id(3)] public required string Preset { get; init; }
    [Id(4)] public IReadOnlyList<SequentialLookReport> History { get; init; } = [];

    /// <summary><c>open</c> before the first look, then the last look's decision.</summary>
    public string Decision => History.Count == 0 ? SequentialDecisions.Open : History[^1].Decision;
    public int Look => History.Count == 0 ? 0 : History[^1].Look;
    public int Seeds => History.Count == 0 ? 0 : History[^1].Seeds;

    /// <summary>
    /// Which boundary the comparison crossed: <c>efficacy_upper</c> (the preset's mean is higher than the baseline's),
    /// <c>efficacy_lower</c>, <c>equivalence</c>, or null (none crossed).
    /// </summary>
    public string? BoundaryCrossed => History.Count == 0 ? null : History[^1] switch
    {
        { Decision: SequentialDecisions.Efficacy, Z: > 0 } => "efficacy_upper",
        { Decision: SequentialDecisions.Efficacy } => "efficacy_lower",
        { Decision: SequentialDecisions.Equivalence } => "equivalence",
        _ => null,
    };
}

/// <summary>One look at a comparison: the design's boundary and α spent, the paired statistics and the decision.</summary>
[GenerateSerializer, Immutable]
public sealed record SequentialLookReport(
    [property: Id(0)] int Look,
    [property: Id(1)] int Seeds,
    [property: Id(2)] double Fraction,
    [property: Id(3)] double Boundary,
    [property: Id(4)] double SpentAlpha,
    [property: Id(5)] double LookAlpha,
    [property: Id(6)] double MeanDifference,
    [property: Id(7)] double T,
    [property: Id(8)] int Df,
    [property: Id(9)] double Z,
    [property: Id(10)] double? EquivalenceP,
    [property: Id(11)] string Decision)
{
    public static SequentialLookReport From(SequentialLook l) => new(l.Look, l.Seeds, l.Fraction, l.Boundary, l.SpentAlpha,
        l.LookAlpha, l.MeanDifference, l.T, l.Df, l.Z, l.EquivalenceP, SequentialDecisions.Name(l.Decision));

    public SequentialLook ToLook() => new(Look, Seeds, Fraction, Boundary, SpentAlpha, LookAlpha, MeanDifference, T, Df, Z,
        EquivalenceP, SequentialDecisions.Parse(Decision));
}

/// <summary>The spellings of a sequential decision in reports and results (<c>continue</c> while more seeds are coming).</summary>
public static class SequentialDecisions
{
    public const string Open = "open";
    public const string Continue = "continue";
    public const string Efficacy = "efficacy";
    public const string Equivalence = "equivalence";
    public const string StopAtMax = "stop_at_max";

    public static string Name(SequentialDecision d) => d switch
    {
        SequentialDecision.Efficacy => Efficacy,
        SequentialDecision.Equivalence => Equivalence,
        SequentialDecision.StopAtMax => StopAtMax,
        _ => Continue,
    };

    public static SequentialDecision Parse(string d) => d switch
    {
        Efficacy => SequentialDecision.Efficacy,
        Equivalence => SequentialDecision.Equivalence,
        StopAtMax => SequentialDecision.StopAtMax,
        _ => SequentialDecision.Continue,
    };
}
