using Sweep.Client.Cluster;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Tests;

/// <summary>The console's live view hears of changes from the embedded silo instead of only polling.</summary>
[Category(Category.Cluster)]
public sealed class ChangeSignalTests : IDisposable
{
    private readonly TempDirectory _dir = new("signal");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_console_is_told_of_each_change_and_the_sweep_end_without_waiting_for_its_fallback_poll()
    {
        var specPath = Path.Combine(_dir.Path, "s.yaml");
        File.WriteAllText(specPath, """
            name: signal-test
            tasks: [{ name: t, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Q4]
            seeds: [1, 2, 3]
            concurrency: 2
            """);
        var spec = ClusterSpec.Load(specPath);
        await using var connection = await SweepConnection.StartEmbeddedAsync(Path.Combine(_dir.Path, ".sweep"), simulate: true, null, CancellationToken.None);
        var grain = connection.Client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        await using var signal = await ChangeSignal.SubscribeAsync(connection.Client, grain);
        await ClusterSpec.SubmitAsync(connection.Client, specPath, spec);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var counts = await grain.GetCounts();
        while (!counts.IsFinished && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None); // a 30 s fallback: only notifications make this quick
            counts = await grain.GetCounts();
        }

        Assert.True(counts.IsFinished, $"not finished after {clock.Elapsed.TotalSeconds:0} s: {counts}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed.TotalSeconds:0} s: the waits ran into their fallback");
        Assert.True(signal.Received >= 2, $"{signal.Received} notifications");
    }
}
