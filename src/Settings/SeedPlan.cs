namespace Sweep.Settings;

/// <summary>
/// Seeds on demand (<c>seeds: { start, max, step }</c>): the sweep runs seeds 1…<see cref="Start"/> first, and after each
/// completed look adds <see cref="Step"/> more (the last look may be shorter) to the presets whose comparison with the
/// baseline is still open, up to <see cref="Max"/>. A plain seed list has no plan: every trial runs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SeedPlan
{
    [Id(0)] public required int Start { get; init; }
    [Id(1)] public required int Max { get; init; }
    [Id(2)] public required int Step { get; init; }

    /// <summary>Seed counts n_1 &lt; … &lt; n_K = <see cref="Max"/> at which the comparisons are looked at.</summary>
    public IReadOnlyList<int> Looks()
    {
        if (Start >= Max) return [Max];
        var looks = new List<int>();
        for (var n = Start; n < Max; n += Step) looks.Add(n);
        looks.Add(Max);
        return looks;
    }

    /// <summary>The seeds a sequential sweep may use: 1…<see cref="Max"/>, look k taking the first n_k.</summary>
    public IReadOnlyList<int> Seeds() => Enumerable.Range(1, Max).ToList();

    public override string ToString() => $"{{ start: {Start}, max: {Max}, step: {Step} }}";
}
