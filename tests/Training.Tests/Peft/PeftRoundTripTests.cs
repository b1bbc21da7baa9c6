using Sweep.Settings;
using Sweep.Training.Peft;
using Sweep.Training.Trials;

namespace Sweep.Training.Tests.Peft;

/// <summary>
/// A trial's exported adapter, loaded back into a freshly prepared model, reproduces the trial's evaluation exactly:
/// the same metrics to the last bit and the same per-example predictions (tiny models, and the real MiniLM for a few steps).
/// </summary>
[Collection(GlobalTorchRandom.Name)]
[Category(Category.Training)]
public sealed class PeftRoundTripTests
{
    private static TrialSpec Spec(string model, string data, string preset, TaskKind kind = TaskKind.Classification, int steps = 10) => new()
    {
        Id = $"{model}/{preset}",
        Model = model,
        Kind = kind,
        Data = data,
        Preset = preset,
        Seed = 3,
        Device = "cpu",
        Threads = 1,
        Training = new TrainingSettings
        {
            LearningRate = 2e-3, BatchSize = 8, Epochs = 1, WarmupSteps = 2, MaxSteps = steps, MaxTrainExamples = 96, MaxEvalExamples = 48, MaxLength = 32,
        },
    };

    [Theory]
    [InlineData("B-FP")]
    [InlineData("B-Ada")]
    [InlineData("B-Q4")]
    [InlineData("Joint-3")]
    public void TinyBertAdapterReproducesTheTrialsEvaluation(string preset) => AssertRoundTrip(Spec("tiny-bert", "toy-sentiment", preset));

    [Fact]
    public void TinyGpt2AdapterReproducesTheTrialsPerplexity() =>
        AssertRoundTrip(Spec("tiny-gpt2", "toy-text", "B-FP", TaskKind.LanguageModelling));

    [Theory]
    [InlineData("B-FP")]
    [InlineData("B-Ada")]
    public void RealMiniLmAdapterReproducesTheTrialsEvaluation(string preset) =>
        AssertRoundTrip(Spec("minilm", "uci-sentiment", preset, steps: 6));

    [Fact]
    public void AnAdapterOfAnotherMethodOrShapeIsRefusedNamingWhatIsWrong()
    {
        var lora = Spec("tiny-bert", "toy-sentiment", "B-FP", steps: 2);
        var result = new TrialRunner().Run(lora, null, CancellationToken.None);
        using var dir = new TempDirectory("peft-bad");
        result.Adapter!.WriteTo(dir.Path);

        var wrongMethod = Assert.Throws<InvalidInputException>(() => new TrialRunner().EvaluateAdapter(lora with { Preset = "B-Ada" }, dir.Path));
        Assert.Contains("peft_type is LORA", wrongMethod.Message);
        var wrongRank = Assert.Throws<InvalidInputException>(() => new TrialRunner().EvaluateAdapter(lora with { Rank = 4 }, dir.Path));
        Assert.Contains("lora_A.weight' has shape [8, ", wrongRank.Message);
        File.Delete(Path.Combine(dir.Path, PeftAdapterFiles.ConfigFileName));
        var missing = Assert.Throws<InvalidInputException>(() => new TrialRunner().EvaluateAdapter(lora, dir.Path));
        Assert.Contains(PeftAdapterFiles.ConfigFileName, missing.Message);
    }

    private static void AssertRoundTrip(TrialSpec spec)
    {
        var result = new TrialRunner().Run(spec, null, CancellationToken.None);
        Assert.Equal(TrialState.Completed, result.State);
        Assert.NotNull(result.Adapter);
        using var dir = new TempDirectory("peft");
        result.Adapter.WriteTo(dir.Path);

        var eval = new TrialRunner().EvaluateAdapter(spec, dir.Path);

        Assert.Equal(result.Metrics.EvalLoss, eval.Metrics[MetricNames.EvalLoss]);
        if (spec.Kind == TaskKind.Classification)
        {
            Assert.Equal(result.Metrics.Accuracy, eval.Metrics[MetricNames.Accuracy]);
            Assert.Equal(result.Metrics.F1Macro, eval.Metrics[MetricNames.F1Macro]);
            Assert.Equal(result.EvalPredictions, eval.Predictions);
        }
        else Assert.Equal(result.Metrics.Perplexity, eval.Metrics[MetricNames.Perplexity]);
    }
}
