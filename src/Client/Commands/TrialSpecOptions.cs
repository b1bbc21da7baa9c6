using Sweep.Settings;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary>Turns the trial options of the command line into a <see cref="TrialSpec"/>: the one place of their defaults and bounds.</summary>
public static class TrialSpecOptions
{
    /// <summary>The default of every trial option that has one, by option name (help shows them; <see cref="Read"/> applies them).
    /// Every value comes from the shared settings table, so the console, the spec and the core agree.</summary>
    public static IReadOnlyDictionary<string, object> Defaults { get; } = new Dictionary<string, object>
    {
        ["seed"] = SweepFields.Seed.Value,
        ["lr"] = TrainingFields.LearningRate.Value,
        ["batch-size"] = TrainingFields.BatchSize.Value,
        ["epochs"] = TrainingFields.Epochs.Value,
        ["warmup"] = TrainingFields.WarmupSteps.Value,
        ["max-length"] = TrainingFields.MaxLength.Value,
        ["targets"] = string.Join(',', AdapterFields.Targets),
        ["alpha"] = AdapterFields.Alpha.Value,
        ["device"] = "auto",
        ["checkpoint-every"] = SweepFields.TrainCheckpointEvery,
    };

    /// <summary>The trial the options describe; bad input (an unknown preset or kind, a value out of bounds) throws <see cref="InvalidInputException"/> naming the option.</summary>
    public static TrialSpec Read(TrialOptionSettings args, string idPrefix)
    {
        var model = args.Model;
        var preset = CheckPreset(args.Preset);
        var data = args.Data;
        var kind = ParseKind(args.Kind, data, model);
        data ??= kind == TaskKind.Classification ? DataSources.UciSentiment : DataSources.Sotu;
        // Bounds are the spec reader's; unset values take the table's defaults in Resolve.
        var training = new TrainingOverrides
        {
            LearningRate = Within(args.LearningRate, "lr", TrainingFields.LearningRate),
            BatchSize = AtLeast(args.BatchSize, "batch-size", TrainingFields.BatchSize),
            Epochs = AtLeast(args.Epochs, "epochs", TrainingFields.Epochs),
            WarmupSteps = AtLeast(args.Warmup, "warmup", TrainingFields.WarmupSteps),
            MaxSteps = AtLeast(args.MaxSteps, "max-steps", TrainingFields.MaxSteps),
            MaxTrainExamples = AtLeast(args.MaxTrain, "max-train", TrainingFields.MaxTrainExamples),
            MaxEvalExamples = AtLeast(args.MaxEval, "max-eval", TrainingFields.MaxEvalExamples),
            MaxLength = AtLeast(args.MaxLength, "max-length", TrainingFields.MaxLength),
        }.Resolve();
        var adapter = new AdapterSpec
        {
            Targets = args.Targets is { } targets
                ? targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : AdapterFields.Targets,
            Alpha = Within(args.Alpha, "alpha", AdapterFields.Alpha),
            AdaInitRank = AtLeast(args.AdaInitRank, "ada-init-rank", AdapterFields.AdaInitRank),
            AdaTargetRank = AtLeast(args.AdaTargetRank, "ada-target-rank", AdapterFields.AdaTargetRank),
            AdaTinit = Within(args.AdaTinit, "ada-tinit", AdapterFields.AdaTinit),
            AdaTfinal = Within(args.AdaTfinal, "ada-tfinal", AdapterFields.AdaTfinal),
            AdaDeltaT = AtLeast(args.AdaDeltaT, "ada-delta-t", AdapterFields.AdaDeltaT),
            MatchedBudget = args.MatchedBudget,
        };
        var seed = AtLeast(args.Seed, "seed", SweepFields.Seed) ?? SweepFields.Seed.Value;
        var rank = PositiveInt(args.Rank, "rank");
        var task = args.Task ?? (kind == TaskKind.Classification ? "classification" : "language-modelling");
        if (SpecChecks.Model(model, kind, out var positions) is { } modelProblem) throw new InvalidInputException($"--model: {modelProblem}");
        if (training.MaxLength > positions)
            throw new InvalidInputException($"--max-length: '{model}' has {positions} positions; max_length {training.MaxLength} exceeds them");
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
            Device = args.Device ?? "auto",
            Threads = AtLeast(args.Threads, "threads", SweepFields.ThreadsPerTrial),
            Adapter = adapter,
            CheckpointEvery = AtLeast(args.CheckpointEvery, "checkpoint-every", SweepFields.CheckpointEvery) ?? SweepFields.TrainCheckpointEvery,
        };
    }

    /// <summary>The preset name, if the catalog knows it.</summary>
    public static string CheckPreset(string preset) =>
        Presets.IsKnown(preset) ? preset : throw new InvalidInputException($"--preset: {Presets.Unknown(preset)}");

    /// <summary>The task kind from --kind, else from the data source, else from the model name.</summary>
    public static TaskKind ParseKind(string? kind, string? data, string model) => kind switch
    {
        "classification" => TaskKind.Classification,
        "language-modelling" or "language-modeling" or "lm" => TaskKind.LanguageModelling,
        null when data is not null => IsLmSource(data) ? TaskKind.LanguageModelling : TaskKind.Classification,
        null => model.Contains("gpt", StringComparison.OrdinalIgnoreCase) ? TaskKind.LanguageModelling : TaskKind.Classification,
        _ => throw new InvalidInputException($"--kind: '{kind}' is not a task kind (classification, language-modelling)"),
    };

    private static bool IsLmSource(string data) =>
        data is DataSources.Sotu or DataSources.MobyDick or DataSources.ToyText || data.StartsWith(DataSources.WikiText2Prefix + ":", StringComparison.Ordinal);

    /// <summary>The rank of a fixed-rank preset, when given (also used by <c>inspect</c>).</summary>
    public static int? PositiveInt(int? v, string name) => AtLeast(v, name, SweepFields.Rank with { Key = name });

    private static int? AtLeast(int? v, string name, IntBound bound) => v is { } x && !bound.Allows(x)
        ? throw new InvalidInputException($"--{name}: {bound.Describe(x)}")
        : v;

    private static double? Within(double? v, string name, RealBound bound) => v is { } x && !bound.Allows(x)
        ? throw new InvalidInputException($"--{name}: {bound.Describe(x)}")
        : v;
}
