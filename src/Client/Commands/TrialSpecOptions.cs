using Sweep.Client.Cli;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Trials;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>Reads a <see cref="TrialSpec"/> from command-line options (shared by train and pretrain-style verbs).</summary>
public static class TrialSpecOptions
{
    public static TrialSpec Read(CommandArgs args, string idPrefix)
    {
        var model = args.Required("model");
        var preset = args.Required("preset");
        if (!Presets.IsKnown(preset)) throw new UsageException($"--preset: {Presets.Unknown(preset)}");
        var data = args.Option("data");
        var kind = ParseKind(args.Option("kind"), data, model);
        data ??= kind == TaskKind.Classification ? DataSources.UciSentiment : DataSources.Sotu;
        // Defaults and bounds come from the settings table; the console checks the same minimums the spec reader does.
        var training = new TrainingOverrides
        {
            LearningRate = Positive(args.DoubleOption("lr"), "lr"),
            BatchSize = AtLeast(args.IntOption("batch-size"), "batch-size", TrainingFields.BatchSize),
            Epochs = AtLeast(args.IntOption("epochs"), "epochs", TrainingFields.Epochs),
            WarmupSteps = AtLeast(args.IntOption("warmup"), "warmup", TrainingFields.WarmupSteps),
            MaxSteps = AtLeast(args.IntOption("max-steps"), "max-steps", TrainingFields.MaxSteps),
            MaxTrainExamples = AtLeast(args.IntOption("max-train"), "max-train", TrainingFields.MaxTrainExamples),
            MaxEvalExamples = AtLeast(args.IntOption("max-eval"), "max-eval", TrainingFields.MaxEvalExamples),
            MaxLength = AtLeast(args.IntOption("max-length"), "max-length", TrainingFields.MaxLength),
        }.Resolve();
        var targets = args.Option("targets");
        var adapter = new AdapterSpec
        {
            Targets = targets is null ? AdapterFields.Targets : targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Alpha = Positive(args.DoubleOption("alpha"), "alpha"),
            AdaInitRank = AtLeast(args.IntOption("ada-init-rank"), "ada-init-rank", AdapterFields.AdaInitRank),
            AdaTargetRank = AtLeast(args.IntOption("ada-target-rank"), "ada-target-rank", AdapterFields.AdaTargetRank),
            AdaTinit = args.DoubleOption("ada-tinit"),
            AdaTfinal = args.DoubleOption("ada-tfinal"),
            AdaDeltaT = AtLeast(args.IntOption("ada-delta-t"), "ada-delta-t", AdapterFields.AdaDeltaT),
            MatchedBudget = args.Flag("matched-budget"),
        };
        var seed = args.IntOption("seed") ?? SweepFields.Seed.Value;
        var rank = AtLeast(args.IntOption("rank"), "rank", SweepFields.Rank);
        var task = args.Option("task") ?? (kind == TaskKind.Classification ? "classification" : "language-modelling");
        return new TrialSpec
        {
            Id = $"{idPrefix}-{task}-{preset}-r{rank?.ToString() ?? "default"}-s{seed}",
            Task = task,
            Kind = kind,
            Model = model,
            Data = data,
            Preset = preset,
            Rank = rank,
            Seed = seed,
            Training = training,
            Device = args.Option("device") ?? "auto",
            Threads = AtLeast(args.IntOption("threads"), "threads", SweepFields.ThreadsPerTrial),
            Adapter = adapter,
            CheckpointEvery = AtLeast(args.IntOption("checkpoint-every"), "checkpoint-every", SweepFields.CheckpointEvery) ?? SweepFields.TrainCheckpointEvery,
        };
    }

    /// <summary>The task kind from --kind, else from the data source, else from the model name.</summary>
    public static TaskKind ParseKind(string? kind, string? data, string model) => kind switch
    {
        "classification" => TaskKind.Classification,
        "language-modelling" or "language-modeling" or "lm" => TaskKind.LanguageModelling,
        null when data is not null => IsLmSource(data) ? TaskKind.LanguageModelling : TaskKind.Classification,
        null => model.Contains("gpt", StringComparison.OrdinalIgnoreCase) ? TaskKind.LanguageModelling : TaskKind.Classification,
        _ => throw new UsageException($"--kind: '{kind}' is not a task kind (classification, language-modelling)"),
    };

    private static bool IsLmSource(string data) =>
        data is DataSources.Sotu or DataSources.MobyDick or DataSources.ToyText || data.StartsWith(DataSources.WikiText2Prefix + ":", StringComparison.Ordinal);

    private static double? Positive(double? v, string name) =>
        v is <= 0 ? throw new UsageException($"--{name}: must be > 0 (got {v})") : v;

    private static int? AtLeast(int? v, string name, IntBound bound) => v is { } x && !bound.Allows(x)
        ? throw new UsageException(bound.Min == 1 ? $"--{name}: must be > 0 (got {x})" : $"--{name}: must be ≥ {bound.Min} (got {x})")
        : v;
}
