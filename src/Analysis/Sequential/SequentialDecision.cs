namespace Sweep.Analysis.Sequential;

/// <summary>What a comparison does after a look.</summary>
public enum SequentialDecision
{
    /// <summary>Neither boundary reached and seeds remain: add seeds.</summary>
    Continue,

    /// <summary>|Z| reached the efficacy boundary: the preset differs from the baseline (sign of Z says which way).</summary>
    Efficacy,

    /// <summary>TOST at this look's α showed the mean difference lies inside ±margin.</summary>
    Equivalence,

    /// <summary>The maximum number of seeds is reached without a verdict: no difference shown.</summary>
    StopAtMax,
}
