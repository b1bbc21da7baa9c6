using System.Text.Json;
using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Randomness;
using Sweep.Training.Tokenization;
using Sweep.Training.Trainer;
using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Trials;

/// <summary>What to pretrain: a GPT-2-shaped config trained in full on one corpus.</summary>
public sealed record PretrainSpec
{
    public required string Data { get; init; }
    public required string OutputDirectory { get; init; }
    public Gpt2Config Config { get; init; } = Gpt2Config.Tiny;
    public int Seed { get; init; } = 1;
    public int Steps { get; init; } = 300;
    public int BatchSize { get; init; } = 8;
    public int BlockSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public int WarmupSteps { get; init; } = 30;
    public int? Threads { get; init; }
    /// <summary>Save a checkpoint every N steps into <see cref="Checkpoints"/> (0 = never); a rerun resumes from the last.</summary>
    public int CheckpointEvery { get; init; }
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>The spec of a recipe from a sweep (the model shape, corpus and schedule it names).</summary>
    public static PretrainSpec From(BaseRecipe recipe, string outputDirectory) => new()
    {
        Data = recipe.Data,
        OutputDirectory = outputDirectory,
        Config = Gpt2Config.Tiny with { NLayer = recipe.Layers, NEmbd = recipe.Width, NHead = recipe.Heads, NPositions = recipe.Positions },
        Seed = recipe.Seed,
        Steps = recipe.Steps,
        BatchSize = recipe.BatchSize,
        BlockSize = recipe.BlockSize,
        LearningRate = recipe.LearningRate,
        WarmupSteps = recipe.WarmupSteps,
        CheckpointEvery = recipe.CheckpointEvery,
    };
}

/// <summary>
/// Pretrains a small GPT-2-shaped base (no GPT-2 weights exist offline) and writes it as a Hugging Face model
/// directory (config.json + model.safetensors, Conv1D weights in HF's [in, out] layout), so the LM arm can
/// LoRA-adapt a pretrained base to another corpus.
/// </summary>
public static class BasePretrainer
{
    public static LoopOutcome Run(PretrainSpec spec, IProgress<TrialProgress>? progress, CancellationToken ct, DataSources? data = null)
    {
        if (spec.Steps <= 0) throw new InvalidInputException($"steps: must be > 0 (got {spec.Steps})");
        if (spec.BlockSize > spec.Config.NPositions)
            throw new InvalidInputException($"block_size: {spec.BlockSize} exceeds the model's n_positions {spec.Config.NPositions}");
        if (File.Exists(spec.OutputDirectory)) throw new InvalidInputException($"out: '{spec.OutputDirectory}' is a file");
        if (spec.Threads is int t) set_num_threads(t);
        spec.Config.Validate("config");
        var corpus = (data ?? new DataSources(new DataSourceOptions { SplitSeed = TrainingTaskBuilder.SplitSeed })).LoadLanguageModel(spec.Data);
        var tokenizer = new Gpt2BpeTokenizer();
        using var model = Build(spec);
        var train = new LmBatcher(LmBlocks.Build(corpus.Train, tokenizer, spec.BlockSize, $"{spec.Data} (train)"), spec.BatchSize, spec.Seed);
        var eval = new LmBatcher(LmBlocks.Build(corpus.Eval, tokenizer, spec.BlockSize, $"{spec.Data} (eval)").Take(64), spec.BatchSize, spec.Seed);
        var task = new LanguageModelTask(model, train, eval);
        var epochs = (spec.Steps + task.StepsPerEpoch - 1) / task.StepsPerEpoch;
        var settings = new LoopSettings("pretrain", spec.Seed, epochs, spec.Steps, spec.LearningRate, spec.WarmupSteps, 0.01, 1.0,
            spec.Checkpoints is null ? 0 : spec.CheckpointEvery);
        var outcome = new TrainingLoop(model, task, NoHooks.Instance, settings).Run(progress, ct, spec.Checkpoints);
        if (outcome.State == TrialState.Completed) Save(model, spec);
        return outcome;
    }

    private static Gpt2LMHeadModel Build(PretrainSpec spec)
    {
        lock (TrialRandom.ConstructionLock) // initial weights come from the process-wide generator
        {
            manual_seed(spec.Seed);
            return new Gpt2LMHeadModel(spec.Config);
        }
    }

    private static void Save(Gpt2LMHeadModel model, PretrainSpec spec)
    {
        var tmp = spec.OutputDirectory.TrimEnd('/') + $".tmp-{Environment.ProcessId}";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        var state = StateDictExporter.Export(model, KeyMapping.Gpt2);
        HfCheckpoint.Write(tmp, state);
        foreach (var v in state.Values) v.Dispose();
        File.WriteAllText(Path.Combine(tmp, "config.json"), spec.Config.ToJson());
        File.WriteAllText(Path.Combine(tmp, "sweep_pretrain.json"), JsonSerializer.Serialize(new { spec.Data, spec.Seed, spec.Steps, spec.BatchSize, spec.BlockSize, spec.LearningRate }));
        if (Directory.Exists(spec.OutputDirectory)) Directory.Delete(spec.OutputDirectory, true);
        Directory.Move(tmp, spec.OutputDirectory);
    }
}
