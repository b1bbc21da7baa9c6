using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Training.Tests.Trials;

/// <summary>A tiny GPT-2-shaped language-model trial through the front door, with the chunked loss.</summary>
[Collection(GlobalTorchRandom.Name)]
[Category(Category.Training)]
public sealed class LanguageModelTrialTests
{
    private static TrialSpec Lm(string id) => new()
    {
        Id = id, Kind = TaskKind.LanguageModelling, Model = "tiny-gpt2", Data = "toy-text", Preset = "B-FP", Seed = 3, Device = "cpu", Threads = 1,
        Training = new TrainingSettings { LearningRate = 2e-3, BatchSize = 4, Epochs = 1, WarmupSteps = 2, MaxSteps = 8, MaxEvalExamples = 8, MaxLength = 32 },
    };

    [Fact]
    public void Records_perplexity_as_exp_of_the_eval_loss_and_a_token_rate()
    {
        var r = new TrialRunner().Run(Lm("lm"), null, CancellationToken.None);
        Assert.Equal(TrialState.Completed, r.State);
        Assert.Equal(Math.Exp(r.Metrics.EvalLoss!.Value), r.Metrics.Perplexity!.Value, 9);
        // a random-initialised model guesses about uniformly over 50,257 tokens; 8 steps move it, but not far
        Assert.InRange(r.Metrics.Perplexity!.Value, 1_000, 200_000);
        // tokens/s = steps × batch × block / seconds
        Assert.Equal(8 * 4 * 32 / r.Metrics.TrainSeconds, r.Metrics.TokensPerSecond!.Value, 6);
        Assert.True(r.LossCurve[^1][1] < r.LossCurve[0][1], "the loss falls over 8 steps");
        // the un-adapted model is evaluated before step 1: LoRA's B = 0, so it is the base; training moved it down
        Assert.True(r.Metrics.PerplexityBefore > r.Metrics.Perplexity, $"{r.Metrics.PerplexityBefore} → {r.Metrics.Perplexity}");
    }

    [Fact]
    public void A_resumed_lm_run_ends_with_the_metrics_of_an_uninterrupted_one()
    {
        var straight = new TrialRunner().Run(Lm("straight"), null, CancellationToken.None);
        using var temp = new TempDirectory("lm-ckpt");
        var store = new LocalDirectoryCheckpointStore(temp.Path);
        var spec = Lm("resumed") with { CheckpointEvery = 3 };
        using var cts = new CancellationTokenSource();
        var stopped = new TrialRunner().Run(spec, new StopAt(4, cts), cts.Token, store);
        Assert.Equal(TrialState.Cancelled, stopped.State);
        var resumed = new TrialRunner().Run(spec, null, CancellationToken.None, store);
        Assert.Equal(straight.Metrics.Perplexity, resumed.Metrics.Perplexity);
        Assert.Equal(straight.LossCurve.Select(p => p[1]), resumed.LossCurve.Select(p => p[1]));
    }

    private sealed class StopAt(int step, CancellationTokenSource cts) : IProgress<TrialProgress>
    {
        public void Report(TrialProgress p)
        {
            if (p.Phase == "train" && p.Step >= step) cts.Cancel();
        }
    }
}
