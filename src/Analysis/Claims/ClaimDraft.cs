namespace Sweep.Analysis.Claims;

/// <summary>
/// A claim's primary test before multiplicity correction: its raw p (NaN when the claim needs no test or has
/// too little data) and how to decide once the Holm-adjusted p over the claim family is known.
/// </summary>
public sealed record ClaimDraft(string Id, string Text, double P, Func<double, ClaimVerdict> Decide)
{
    public static ClaimDraft Inconclusive(string id, string text, string reason) =>
        new(id, text, double.NaN, _ => new ClaimVerdict(id, text, Verdict.Inconclusive, reason, reason));
}
