using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Dashboard.Tests;

/// <summary>Small simulated sweeps, submitted straight to the experiment grain (as the console does after its checks).</summary>
public static class Sweeps
{
    public static SweepSpec Make(string name, string[] presets, int seeds) => new()
    {
        Name = name,
        Tasks = [new TaskSpec { Name = "sentiment", Model = "sim", Data = "toy-sentiment" }],
        Presets = presets,
        Seeds = Enumerable.Range(1, seeds).ToList(),
        Training = new TrainingOverrides { MaxSteps = 15 },
        Concurrency = 2,
        Retries = 1,
    };

    public static async Task<string> SubmitAsync(IClusterClient client, SweepSpec spec)
    {
        var id = ExperimentIds.For(spec);
        await client.GetGrain<IExperimentGrain>(id).Submit(spec);
        return id;
    }

    public static string PagePath(string id) => "/experiments/" + Uri.EscapeDataString(id);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, at most <paramref name="within"/>.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {within.TotalSeconds:0} s for {what}; last: {value}");
            await Task.Delay(100);
        }
    }
}
