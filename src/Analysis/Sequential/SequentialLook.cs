namespace Sweep.Analysis.Sequential;

/// <summary>
/// The record of one look at one comparison: the design's boundary b_k and α spent (cumulative α(t_k) and this
/// look's share), the data (seeds n_k, mean paired difference, paired t with n_k − 1 df, its z-equivalent Z_k),
/// the TOST p-value when a margin is set, and the decision taken.
/// </summary>
public sealed record SequentialLook(
    int Look,
    int Seeds,
    double Fraction,
    double Boundary,
    double SpentAlpha,
    double LookAlpha,
    double MeanDifference,
    double T,
    int Df,
    double Z,
    double? EquivalenceP,
    SequentialDecision Decision);

/// <summary>All looks taken at one comparison, in order; the last one holds the current decision.</summary>
public sealed record SequentialResult(IReadOnlyList<SequentialLook> Looks)
{
    public SequentialDecision Decision => Looks.Count == 0 ? SequentialDecision.Continue : Looks[^1].Decision;

    /// <summary>Seeds used when the comparison stopped (or so far, while it is open).</summary>
    public int Seeds => Looks.Count == 0 ? 0 : Looks[^1].Seeds;

    public bool Open => Decision == SequentialDecision.Continue;
}
