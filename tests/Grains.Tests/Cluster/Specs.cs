using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>Small sweep specs for cluster tests, and helpers to run them.</summary>
public static class Specs
{
    public static SweepSpec Make(string name, int seeds, string[] presets, int steps, string accelerator = "any", int concurrency = 8,
        int checkpointEvery = 0, string data = "toy-sentiment", string model = "sim") => new()
    {
        Name = name,
        Tasks = [new TaskSpec { Name = "t", Model = model, Data = data }],
        Presets = presets,
        Seeds = Enumerable.Range(1, seeds).ToList(),
        Training = new TrainingOverrides { MaxSteps = steps },
        Placement = new PlacementSpec { Accelerator = accelerator },
        Concurrency = concurrency,
        Retries = 2,
        CheckpointEvery = checkpointEvery,
    };

    public static async Task<(IExperimentGrain Grain, ExperimentStatus Status)> Submit(IClusterClient client, SweepSpec spec)
    {
        var grain = client.GetGrain<IExperimentGrain>(ExperimentIds.For(spec));
        return (grain, await grain.Submit(spec));
    }

    public static Task<ExperimentStatus> Finished(IExperimentGrain grain, int seconds = 30) =>
        Eventually.Until(grain.GetStatus, s => s.IsFinished, TimeSpan.FromSeconds(seconds), "the experiment to finish");
}
