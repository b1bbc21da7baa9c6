using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Presets;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary>Turns the trial options of the command line into a <see cref="TrialSpec"/>: the one place of their defaults and bounds.</summary>
public static class TrialSpecOptions
{
    private static readonly TrainingSettings TrainingDefaults = new();

    /// <summary>The default of every trial option that has one, by option name (help shows them; <see cref="Read"/> applies them).</summary>
    public static IReadOnlyDictionary<string, object> Defaults { get; } = new Dictionary<string, object>
    {
        ["seed"] = 1,
        ["lr"] = TrainingDefaults.LearningRate,
        ["batch-size"] = TrainingDefaults.BatchSize,
        ["epochs"] = TrainingDefaults.Epochs,
        ["warmup"] = TrainingDefaults.WarmupSteps,
        ["max-length"] = TrainingDefaults.MaxLength,
        ["targets"] = "all-linear",
        ["alpha"] = 16.0,
        ["device"] = "auto",
        ["checkpoint-every"] = 0,
    };

    /// <summary>The trial the options describe; bad input (an unknown preset or kind, a value out of bounds) throws <see cref="InvalidInputException"/> naming the option.</summary>
    public static TrialSpec Read(TrialOptionSettings args, string idPrefix)
    {
        var model = args.Model;
        var preset = CheckPreset(args.Preset);
        var data = args.Data;
        var kind = ParseKind(args.Kind, data, model);
        data ??= kind == TaskKind.Classification ? DataSources.UciSentiment : DataSources.Sotu;
        var training = new TrainingSettings
        {
            LearningRate = Positive(args.LearningRate, "lr") ?? Default<double>("lr"),
            BatchSize = PositiveInt(args.BatchSize, "batch-size") ?? Default<int>("batch-size"),
            Epochs = PositiveInt(args.Epochs, "epochs") ?? Default<int>("epochs"),
            WarmupSteps = NonNegative(args.Warmup, "warmup") ?? Default<int>("warmup"),
            MaxSteps = PositiveInt(args.MaxSteps, "max-steps"),
            MaxTrainExamples = PositiveInt(args.MaxTrain, "max-train"),
            MaxEvalExamples = PositiveInt(args.MaxEval, "max-eval"),
            MaxLength = PositiveInt(args.MaxLength, "max-length") ?? Default<int>("max-length"),
        };
        var targets = args.Targets ?? Default<string>("targets");
        var adapter = new AdapterSettings
        {
            Targets = targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Alpha = Positive(args.Alpha, "alpha") ?? Default<double>("alpha"),
            AdaInitRank = PositiveInt(args.AdaInitRank, "ada-init-rank"),
            AdaTargetRank = PositiveInt(args.AdaTargetRank, "ada-target-rank"),
            AdaTinitFraction = args.AdaTinit,
            AdaTfinalFraction = args.AdaTfinal,
            AdaDeltaT = PositiveInt(args.AdaDeltaT, "ada-delta-t"),
            MatchedBudget = args.MatchedBudget,
        };
        var seed = args.Seed ?? Default<int>("seed");
        var rank = PositiveInt(args.Rank, "rank");
        var task = args.Task ?? (kind == TaskKind.Classification ? "classification" : "language-modelling");
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
            Device = args.Device ?? Default<string>("device"),
            Threads = PositiveInt(args.Threads, "threads"),
            Adapter = adapter,
            CheckpointEvery = NonNegative(args.CheckpointEvery, "checkpoint-every") ?? Default<int>("checkpoint-every"),
        };
    }

    /// <summary>The preset name, if the catalog knows it.</summary>
    public static string CheckPreset(string preset) => PresetCatalog.TryGet(preset, out _)
        ? preset
        : throw new InvalidInputException($"--preset: unknown preset '{preset}' (known: {string.Join(", ", PresetCatalog.Names)})");

    /// <summary>The task kind from --kind, else from the data source, else from the model name.</summary>
    public static TaskKind ParseKind(string? kind, string? data, string model) => kind switch
    {
        "classification" => TaskKind.Classification,
        "language-modelling" or "language-modeling" or "lm" => TaskKind.LanguageModelling,
        null when data is not null => IsLmSource(data) ? TaskKind.LanguageModelling : TaskKind.Classification,
        null => model.Contains("gpt", StringComparison.OrdinalIgnoreCase) ? TaskKind.LanguageModelling : TaskKind.Classification,
        _ => throw new InvalidInputException($"--kind: '{kind}' is not a task kind (classification, language-modelling)"),
    };

    private static T Default<T>(string option) => (T)Defaults[option];

    private static bool IsLmSource(string data) =>
        data is DataSources.Sotu or DataSources.MobyDick or DataSources.ToyText || data.StartsWith(DataSources.WikiText2Prefix + ":", StringComparison.Ordinal);

    private static double? Positive(double? v, string name) =>
        v is <= 0 ? throw new InvalidInputException($"--{name}: must be > 0 (got {v})") : v;

    public static int? PositiveInt(int? v, string name) =>
        v is <= 0 ? throw new InvalidInputException($"--{name}: must be > 0 (got {v})") : v;

    private static int? NonNegative(int? v, string name) =>
        v is < 0 ? throw new InvalidInputException($"--{name}: must be ≥ 0 (got {v})") : v;
}
