using Sweep.Client.Cli;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Presets;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary>Reads a <see cref="TrialSpec"/> from command-line options (shared by train and pretrain-style verbs).</summary>
public static class TrialSpecOptions
{
    public static TrialSpec Read(CommandArgs args, string idPrefix)
    {
        var model = args.Required("model");
        var preset = args.Required("preset");
        if (!PresetCatalog.TryGet(preset, out _))
            throw new UsageException($"--preset: unknown preset '{preset}' (known: {string.Join(", ", PresetCatalog.Names)})");
        var data = args.Option("data");
        var kind = ParseKind(args.Option("kind"), data, model);
        data ??= kind == TaskKind.Classification ? DataSources.UciSentiment : DataSources.Sotu;
        var d = new TrainingSettings();
        var training = new TrainingSettings
        {
            LearningRate = Positive(args.DoubleOption("lr"), "lr") ?? d.LearningRate,
            BatchSize = PositiveInt(args.IntOption("batch-size"), "batch-size") ?? d.BatchSize,
            Epochs = PositiveInt(args.IntOption("epochs"), "epochs") ?? d.Epochs,
            WarmupSteps = NonNegative(args.IntOption("warmup"), "warmup") ?? d.WarmupSteps,
            MaxSteps = PositiveInt(args.IntOption("max-steps"), "max-steps"),
            MaxTrainExamples = PositiveInt(args.IntOption("max-train"), "max-train"),
            MaxEvalExamples = PositiveInt(args.IntOption("max-eval"), "max-eval"),
            MaxLength = PositiveInt(args.IntOption("max-length"), "max-length") ?? d.MaxLength,
        };
        var targets = args.Option("targets");
        var adapter = new AdapterSettings
        {
            Targets = targets is null ? ["all-linear"] : targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Alpha = Positive(args.DoubleOption("alpha"), "alpha") ?? 16,
            AdaInitRank = PositiveInt(args.IntOption("ada-init-rank"), "ada-init-rank"),
            AdaTargetRank = PositiveInt(args.IntOption("ada-target-rank"), "ada-target-rank"),
            AdaTinitFraction = args.DoubleOption("ada-tinit"),
            AdaTfinalFraction = args.DoubleOption("ada-tfinal"),
            AdaDeltaT = PositiveInt(args.IntOption("ada-delta-t"), "ada-delta-t"),
            MatchedBudget = args.Flag("matched-budget"),
        };
        var seed = args.IntOption("seed") ?? 1;
        var rank = PositiveInt(args.IntOption("rank"), "rank");
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
            Threads = PositiveInt(args.IntOption("threads"), "threads"),
            Adapter = adapter,
            CheckpointEvery = NonNegative(args.IntOption("checkpoint-every"), "checkpoint-every") ?? 0,
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

    private static int? PositiveInt(int? v, string name) =>
        v is <= 0 ? throw new UsageException($"--{name}: must be > 0 (got {v})") : v;

    private static int? NonNegative(int? v, string name) =>
        v is < 0 ? throw new UsageException($"--{name}: must be ≥ 0 (got {v})") : v;
}
