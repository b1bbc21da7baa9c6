using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Training.Tests.Trials;

[Collection(GlobalTorchRandom.Name)] // seeds and draws the global generator: never beside other torch tests
[Category(Category.Training)]
public sealed class TrialRunnerTests
{
    private static TrialSpec Tiny(string preset, int maxSteps = 12, double lr = 2e-3, string id = "t") => new()
    {
        Id = id,
        Model = "tiny-bert",
        Data = "toy-sentiment",
        Preset = preset,
        Seed = 5,
        Device = "cpu",
        Threads = 1,
        Training = new TrainingSettings { LearningRate = lr, BatchSize = 8, Epochs = 2, WarmupSteps = 2, MaxSteps = maxSteps, MaxEvalExamples = 48, MaxLength = 32 },
    };

    private sealed class CancelAt(int step, CancellationTokenSource cts) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress p)
        {
            if (p.Phase == "train" && p.Step >= step) cts.Cancel();
        }
    }

    [Theory]
    [InlineData("B-FP")]
    [InlineData("B-Ada")]
    public void StoppedAndResumedRunEndsWithTheSameMetricsAsAnUninterruptedRun(string preset)
    {
        var straight = new TrialRunner().Run(Tiny(preset, id: "straight-" + preset), null, CancellationToken.None);
        Assert.Equal(TrialState.Completed, straight.State);

        using var temp = new TempDirectory("ckpt");
        var dir = temp.Path;
        var store = new LocalDirectoryCheckpointStore(dir);
        var spec = Tiny(preset, id: "resumed-" + preset) with { CheckpointEvery = 4 };
        using var cts = new CancellationTokenSource();
        var stopped = new TrialRunner().Run(spec, new CancelAt(6, cts), cts.Token, store);
        Assert.Equal(TrialState.Cancelled, stopped.State);
        Assert.InRange(stopped.Metrics.Steps, 6, 7);
        Assert.NotNull(store.Load(spec.Id));

        var resumed = new TrialRunner().Run(spec, null, CancellationToken.None, store);
        Assert.Equal(TrialState.Completed, resumed.State);
        Assert.Equal(straight.Metrics.Steps, resumed.Metrics.Steps);
        Assert.Equal(straight.Metrics.EvalLoss, resumed.Metrics.EvalLoss);
        Assert.Equal(straight.Metrics.Accuracy, resumed.Metrics.Accuracy);
        Assert.Equal(straight.EvalPredictions, resumed.EvalPredictions);
        Assert.Equal(straight.LossCurve.Select(p => p[1]), resumed.LossCurve.Select(p => p[1]));
        Assert.Equal(straight.RankPattern, resumed.RankPattern);
    }

    [Fact]
    public void SameSeedAndThreadsGiveTheSameNumbers()
    {
        var a = new TrialRunner().Run(Tiny("B-FP", maxSteps: 6, id: "a"), null, CancellationToken.None);
        var b = new TrialRunner().Run(Tiny("B-FP", maxSteps: 6, id: "b"), null, CancellationToken.None);
        Assert.Equal(a.LossCurve.Select(p => p[1]), b.LossCurve.Select(p => p[1]));
        Assert.Equal(a.Metrics.EvalLoss, b.Metrics.EvalLoss);
        var c = new TrialRunner().Run(Tiny("B-FP", maxSteps: 6, id: "c") with { Seed = 6 }, null, CancellationToken.None);
        Assert.NotEqual(a.LossCurve.Select(p => p[1]), c.LossCurve.Select(p => p[1]));
    }

    [Fact]
    public void TrialsRunningAtOnceInOneProcessGiveTheSameNumbersAsEachAlone()
    {
        // the orchestrator runs several trials per silo process on their own threads: a trial's numbers must depend
        // only on its spec and seed, never on what another trial draws from a shared random generator meanwhile
        var specs = new[] { Tiny("B-FP", maxSteps: 10, id: "p1"), Tiny("B-Ada", maxSteps: 10, id: "p2") with { Seed = 9 } };
        var alone = specs.Select(s => new TrialRunner().Run(s, null, CancellationToken.None)).ToList();
        var together = new TrialResult[2];
        var threads = specs.Select((s, i) => new Thread(() => together[i] = new TrialRunner().Run(s, null, CancellationToken.None))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(alone[i].LossCurve.Select(p => p[1]), together[i].LossCurve.Select(p => p[1]));
            Assert.Equal(alone[i].Metrics.EvalLoss, together[i].Metrics.EvalLoss);
        }
    }

    [Fact]
    public void AHugeLearningRateIsRecordedAsDivergedNotACrash()
    {
        var r = new TrialRunner().Run(Tiny("B-FP", maxSteps: 40, lr: 1e5, id: "nan"), null, CancellationToken.None); // under the bound on lr, far above any useful rate
        Assert.Equal(TrialState.Diverged, r.State);
        Assert.NotNull(r.DivergedAtStep);
        Assert.Contains("loss became", r.Error);
        Assert.False(double.IsFinite(r.LossCurve[^1][1]));
    }

    [Fact]
    public void ResultCarriesParametersDtypesAndPredictions()
    {
        var r = new TrialRunner().Run(Tiny("B-FP", maxSteps: 4, id: "meta"), null, CancellationToken.None);
        Assert.Equal("LoRA", r.Method);
        Assert.Equal("cpu", r.Device);
        Assert.Equal(48, r.EvalPredictions.Count);
        Assert.Equal(48, r.EvalLabels.Count);
        Assert.Equal(4, r.Metrics.Steps);
        Assert.True(r.Metrics.TrainableParams > 0 && r.Metrics.TrainableParams < r.Metrics.TotalParams);
        Assert.True(r.Metrics.PeakMemoryBytes > 0);
        Assert.Equal(4, r.LossCurve.Count);
    }

    [Fact]
    public void MissingModelDirectoryIsBadInputNamingIt()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            new TrialRunner().Run(Tiny("B-FP") with { Model = "/nonexistent/model" }, null, CancellationToken.None));
        Assert.Contains("/nonexistent/model", e.Message);
    }
}
