namespace Sweep.Training.Data;

/// <summary>
/// SplitMix64: a small, fully specified generator, so that splits and data order depend only on the
/// seed (never on the runtime's <see cref="Random"/> implementation). Not for cryptography.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    /// <summary>An independent stream for (seed, stream…), e.g. (seed, epoch): same inputs, same numbers.</summary>
    public static SeededRandom For(long seed, params long[] streams)
    {
        var mixer = new SeededRandom(unchecked((ulong)seed));
        ulong state = mixer.NextUInt64();
        foreach (long s in streams)
            state = new SeededRandom(state ^ unchecked((ulong)s * 0xD1B54A32D192ED03UL)).NextUInt64();
        return new SeededRandom(state);
    }

    public ulong NextUInt64()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive) by the multiply-high method (bias below 2^-32 for int ranges).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        Shuffle(order);
        return order;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];
}
