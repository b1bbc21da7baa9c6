namespace Sweep.Settings;

/// <summary>The spellings of <c>analysis.sequential</c>: which α-spending function decides when a comparison stops adding seeds.</summary>
public static class SequentialMethods
{
    /// <summary>Lan–DeMets O'Brien–Fleming-type spending (the default with <c>seeds: { start, max, step }</c>).</summary>
    public const string OBrienFleming = "obrien-fleming";
    /// <summary>Lan–DeMets Pocock-type spending.</summary>
    public const string Pocock = "pocock";
    /// <summary>No interim looks: every preset runs <c>seeds.max</c> seeds and is tested once.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [OBrienFleming, Pocock, None];

    public static bool IsKnown(string name) => All.Contains(name);
}
