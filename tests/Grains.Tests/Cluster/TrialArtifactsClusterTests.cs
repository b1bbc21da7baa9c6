using Sweep.Grains.Artifacts;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Peft;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Cluster;

/// <summary>
/// What finished trials leave in the artifact store of a real cluster: no checkpoint (unless the spec keeps them), and
/// for a really trained trial its adapter in PEFT format, which reproduces the trial's evaluation when loaded back.
/// </summary>
[Collection(ClusterCollection.Name)]
[Category(Category.Cluster)]
public sealed class TrialArtifactsClusterTests(ClusterFixture fx)
{
    private TrialArtifacts Store(SweepSpec spec) => new(new LocalDirectoryArtifactStore(Path.Combine(fx.DataPath, "artifacts")), ExperimentIds.For(spec));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_finished_trials_checkpoint_is_deleted_unless_the_spec_keeps_checkpoints(bool keep)
    {
        var spec = Specs.Make($"ckpt-keep-{keep}".ToLowerInvariant(), seeds: 2, ["B-FP", "B-Q4"], steps: 10, checkpointEvery: 2) with { KeepCheckpoints = keep };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        var status = await Specs.Finished(grain);

        Assert.Equal(ExperimentState.Completed, status.State);
        var store = Store(spec);
        Assert.Equal(4, status.Trials.Count);
        // every simulated trial saved a checkpoint at its last step (10 % 2 == 0); the outcome is stored before the delete
        await Eventually.Until(() => status.Trials.All(t => (store.Load(t.Id) is not null) == keep), TimeSpan.FromSeconds(10),
            keep ? "the checkpoints to be kept" : "the checkpoints to be deleted");
        Assert.All(status.Trials, t => Assert.Equal(keep, store.Load(t.Id) is not null));
    }

    [Fact]
    public async Task A_really_trained_trials_adapter_is_stored_in_peft_format_and_reproduces_its_evaluation()
    {
        var spec = Specs.Make("peft-export", seeds: 1, ["B-FP", "B-Ada"], steps: 12, concurrency: 2, checkpointEvery: 4, model: "tiny-bert") with
        {
            Training = new() { MaxSteps = 12, BatchSize = 8, MaxLength = 32, MaxTrainExamples = 96, MaxEvalExamples = 48, WarmupSteps = 2, LearningRate = 2e-3 },
            ThreadsPerTrial = 1,
            Placement = new PlacementSpec { Accelerator = "cpu" },
        };
        var (grain, _) = await Specs.Submit(fx.Client, spec);
        await Specs.Finished(grain, seconds: 240);
        var results = await grain.GetResults();

        Assert.Equal(2, results.Trials.Count);
        using var dir = new TempDirectory("adapters");
        var plans = Experiments.ExperimentBook.Expand(spec).Select(e => e.Plan).ToDictionary(p => p.Id);
        foreach (var outcome in results.Trials)
        {
            Assert.True(outcome.State == TrialState.Completed, $"{outcome.Id}: {outcome.State} {outcome.Error}");
            Assert.Null(Store(spec).Load(outcome.Id)); // its checkpoint went with the finish
            var adapter = await fx.Client.GetGrain<IAdapterGrain>(ExperimentIds.For(spec)).Get(outcome.Id);
            Assert.NotNull(adapter);
            var folder = Path.Combine(dir.Path, outcome.Id.Replace('/', '_'));
            new PeftAdapterFiles(adapter.Model, adapter.Config).WriteTo(folder);
            Assert.Contains(outcome.Preset == "B-Ada" ? "\"ADALORA\"" : "\"LORA\"", adapter.Config);

            var trialSpec = TrialSpecFactory.Create(spec, plans[outcome.Id], "cpu");
            var eval = new TrialRunner().EvaluateAdapter(trialSpec, folder);

            Assert.Equal(outcome.Metrics[MetricNames.Accuracy], eval.Metrics[MetricNames.Accuracy]);
            Assert.Equal(outcome.Metrics[MetricNames.EvalLoss], eval.Metrics[MetricNames.EvalLoss]);
            Assert.Equal(outcome.EvalPredictions, eval.Predictions);
        }
        Assert.Null(await fx.Client.GetGrain<IAdapterGrain>(ExperimentIds.For(spec)).Get("t/B-FP/r8/s99")); // never ran: none stored
    }
}
