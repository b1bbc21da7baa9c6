using System.Diagnostics;

namespace Sweep.Bench.Timing;

/// <summary>
/// Times several variants of one workload without order bias: every variant is set up, then warmed up (in the order
/// added), then measured over R rounds, each round running every variant once in an order shuffled with a fixed seed.
/// A variant measured in a fixed slot (say, always last) would otherwise inherit whatever that slot gets on a shared
/// machine: warmer caches, a quieter neighbour, a later JIT tier. Sample r of every variant comes from round r, so
/// ratios can be taken round by round (<see cref="SampleSummary.OfRatios"/>).
/// </summary>
public sealed class InterleavedRuns
{
    private readonly List<Entry> _variants = [];

    /// <summary>Names of the variants, in the order added.</summary>
    public IReadOnlyList<string> Names => _variants.Select(v => v.Name).ToList();

    /// <summary>
    /// Adds a variant: <paramref name="setup"/> runs once before any timing (its result is disposed after the last
    /// round when it is <see cref="IDisposable"/>); <paramref name="measure"/> is what each sample times.
    /// </summary>
    public InterleavedRuns Add<TState>(string name, Func<TState> setup, Func<TState, Task> measure, int warmup = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        if (_variants.Any(v => v.Name == name)) throw new ArgumentException($"variant '{name}' was already added", nameof(name));
        _variants.Add(new Entry(name, warmup, () =>
        {
            var state = setup();
            return (() => measure(state), state as IDisposable);
        }));
        return this;
    }

    /// <summary>Adds a variant with synchronous work.</summary>
    public InterleavedRuns Add<TState>(string name, Func<TState> setup, Action<TState> measure, int warmup = 1) =>
        Add(name, setup, state => { measure(state); return Task.CompletedTask; }, warmup);

    /// <summary>Adds a variant that needs no setup.</summary>
    public InterleavedRuns Add(string name, Action measure, int warmup = 1) => Add(name, () => 0, _ => measure(), warmup);

    /// <summary>
    /// The order in which round <paramref name="round"/> runs the variants (indices into the order added): a
    /// Fisher–Yates shuffle seeded by <paramref name="seed"/> and the round, so a rerun repeats the schedule.
    /// </summary>
    public static int[] RoundOrder(int variants, int round, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variants);
        var order = Enumerable.Range(0, variants).ToArray();
        var random = new Random(unchecked(seed * 1_000_003 + round)); // not HashCode.Combine: that is salted per process
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Runs synchronous variants; see <see cref="RunAsync"/>.</summary>
    public IReadOnlyDictionary<string, double[]> Run(int rounds, int seed = 1, Action<int, IReadOnlyList<string>>? onRound = null) =>
        RunAsync(rounds, seed, onRound).GetAwaiter().GetResult();

    /// <summary>
    /// Sets up, warms up and measures every variant; returns wall seconds per variant, one sample per round.
    /// <paramref name="onRound"/> is told each round's order (1-based round number) after it ran.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double[]>> RunAsync(int rounds, int seed = 1,
        Action<int, IReadOnlyList<string>>? onRound = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        if (_variants.Count == 0) throw new InvalidOperationException("no variants to run");
        var prepared = new List<(Func<Task> Measure, IDisposable? State)>();
        try
        {
            foreach (var variant in _variants) prepared.Add(variant.Setup());
            for (var v = 0; v < _variants.Count; v++)
                for (var w = 0; w < _variants[v].Warmup; w++)
                    await prepared[v].Measure();

            var samples = _variants.ToDictionary(v => v.Name, _ => new double[rounds]);
            for (var r = 0; r < rounds; r++)
            {
                var order = RoundOrder(_variants.Count, r, seed);
                foreach (var v in order)
                {
                    var clock = Stopwatch.StartNew();
                    await prepared[v].Measure();
                    samples[_variants[v].Name][r] = clock.Elapsed.TotalSeconds;
                }
                onRound?.Invoke(r + 1, order.Select(v => _variants[v].Name).ToList());
            }
            return samples;
        }
        finally
        {
            foreach (var (_, state) in prepared) state?.Dispose();
        }
    }

    private sealed record Entry(string Name, int Warmup, Func<(Func<Task> Measure, IDisposable? State)> Setup);
}
