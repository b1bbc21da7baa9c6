using System.Diagnostics;
using Sweep.Bench.Timing;

namespace Sweep.Bench.Tests;

[Category(Category.Unit)]
public class InterleavedRunsTests
{
    private static InterleavedRuns Recording(List<string> log, int variants, int warmup = 1)
    {
        var runs = new InterleavedRuns();
        for (var v = 0; v < variants; v++)
        {
            var name = ((char)('A' + v)).ToString();
            runs.Add(name, () => log.Add(name), warmup);
        }
        return runs;
    }

    [Fact]
    public void WarmsUpEveryVariantThenRunsEachOncePerRound()
    {
        var log = new List<string>();
        var samples = Recording(log, 3, warmup: 2).Run(rounds: 5);
        Assert.Equal(["A", "A", "B", "B", "C", "C"], log.Take(6));
        var measured = log.Skip(6).ToList();
        Assert.Equal(15, measured.Count);
        for (var r = 0; r < 5; r++)
            Assert.Equal(["A", "B", "C"], measured.Skip(3 * r).Take(3).Order());
        Assert.Equal(["A", "B", "C"], samples.Keys.Order());
        Assert.All(samples.Values, s => Assert.Equal(5, s.Length));
    }

    [Fact]
    public void OrderIsNotFixed_EveryVariantLeadsRoughlyEquallyOften()
    {
        var firsts = new int[4];
        for (var r = 0; r < 400; r++) firsts[InterleavedRuns.RoundOrder(4, r, seed: 7)[0]]++;
        Assert.All(firsts, f => Assert.InRange(f, 60, 140)); // 100 expected; a fixed order gives 400/0/0/0
    }

    [Fact]
    public void TheScheduleDependsOnlyOnTheSeed()
    {
        int[][] Schedule(int seed) => Enumerable.Range(0, 20).Select(r => InterleavedRuns.RoundOrder(5, r, seed)).ToArray();
        Assert.Equal(Schedule(3), Schedule(3));
        Assert.NotEqual(Schedule(3), Schedule(4));
        Assert.All(Schedule(3), order => Assert.Equal([0, 1, 2, 3, 4], order.Order()));
    }

    [Fact]
    public void SamplesAreTheMeasuredWallTime()
    {
        static void Spin(double ms)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalMilliseconds < ms) { }
        }
        var samples = new InterleavedRuns().Add("slow", () => Spin(5), warmup: 0).Add("instant", () => { }, warmup: 0).Run(3);
        Assert.All(samples["slow"], s => Assert.True(s >= 0.005, $"{s} s"));
    }

    [Fact]
    public void StateIsDisposedAfterTheRoundsAndWhenAMeasurementFails()
    {
        var ok = new Probe();
        new InterleavedRuns().Add("ok", () => ok, p => p.Calls++).Run(2);
        Assert.True(ok.Disposed);
        Assert.Equal(3, ok.Calls); // one warm-up + two rounds

        var failing = new Probe();
        var runs = new InterleavedRuns().Add("fails", () => failing, _ => throw new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => runs.Run(1));
        Assert.True(failing.Disposed);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => new InterleavedRuns().Run(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterleavedRuns().Add("a", () => { }).Run(0));
        Assert.Throws<ArgumentException>(() => new InterleavedRuns().Add("a", () => { }).Add("a", () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InterleavedRuns().Add("a", () => { }, warmup: -1));
    }

    private sealed class Probe : IDisposable
    {
        public int Calls { get; set; }
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }
}
