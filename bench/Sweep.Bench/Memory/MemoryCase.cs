using Sweep.Settings;
using Sweep.Training.Trials;

namespace Sweep.Bench.Memory;

/// <summary>What a measured trial is for: a measured constant, a row of the preset grid, an activation-slope point, or a held-out check.</summary>
public enum MemoryCaseRole { Calibration, Grid, Slope, HeldOut }

/// <summary>One trial the memory benchmark runs in its own process every round; its peaks, one per round, are collected.</summary>
public sealed record MemoryCase(string Name, MemoryCaseRole Role, string Model, string Preset, string Data, int Batch, int SeqLen, int Steps,
    TaskKind Kind = TaskKind.Classification)
{
    public TrialSpec Spec(string modelPath, int threads) => new()
    {
        Id = Name, Kind = Kind, Model = modelPath, Data = Data, Preset = Preset, Seed = 1, Device = "cpu", Threads = threads,
        Training = new TrainingSettings { MaxSteps = Steps, BatchSize = Batch, MaxLength = SeqLen, MaxEvalExamples = 2 * Batch, WarmupSteps = 1 },
    };

    /// <summary>
    /// The benchmark's trials: the calibration trials its measured constants come from (an idle-sized trial, and the
    /// calibration model's B-FP and B-Q4), every preset on every model at <paramref name="batch"/> × <paramref name="seqLen"/>,
    /// tiny-bert at two batch sizes and two lengths of sequences filled to max_length (the activation slopes), and
    /// held-out trials at sizes no constant came from (two of them GPT-2 language models). <paramref name="roles"/>: the
    /// roles to run besides calibration (null: all).
    /// </summary>
    public static IReadOnlyList<MemoryCase> All(IReadOnlyList<string> models, int batch, int seqLen, int steps, string longData,
        IReadOnlySet<MemoryCaseRole>? roles = null)
    {
        var cases = new List<MemoryCase>
        {
            new(Idle, MemoryCaseRole.Calibration, "tiny-bert", "B-FP", "toy-sentiment", 1, 8, 1),
            new(CalibrationFp, MemoryCaseRole.Calibration, MemoryModels.Calibration, "B-FP", "toy-sentiment", batch, seqLen, steps),
            new(CalibrationQ4, MemoryCaseRole.Calibration, MemoryModels.Calibration, "B-Q4", "toy-sentiment", batch, seqLen, steps),
        };
        foreach (var model in models)
            foreach (var preset in Settings.Presets.Names)
                cases.Add(new($"{model} {preset}", MemoryCaseRole.Grid, model, preset, "toy-sentiment", batch, seqLen, steps));
        foreach (var (b, t) in SlopePoints)
            cases.Add(new(SlopeName(b, t), MemoryCaseRole.Slope, "tiny-bert", "B-FP", longData, b, t, 2));
        cases.Add(new("minilm B-FP b16 t128 full", MemoryCaseRole.HeldOut, "minilm", "B-FP", longData, 16, 128, 2));
        cases.Add(new("tiny-bert Joint-2 b48 t128 full", MemoryCaseRole.HeldOut, "tiny-bert", "Joint-2", longData, 48, 128, 2));
        cases.Add(new("tiny-gpt2 B-FP b16 t128 lm", MemoryCaseRole.HeldOut, "tiny-gpt2", "B-FP", "toy-text", 16, 128, 2, TaskKind.LanguageModelling));
        cases.Add(new("gpt2 B-Q4 b4 t128 lm", MemoryCaseRole.HeldOut, "gpt2", "B-Q4", "toy-text", 4, 128, 2, TaskKind.LanguageModelling));
        return roles is null ? cases : cases.Where(c => c.Role == MemoryCaseRole.Calibration || roles.Contains(c.Role)).ToList();
    }

    public const string Idle = "idle: tiny-bert B-FP b1 t8";
    public const string CalibrationFp = "calib-bert B-FP", CalibrationQ4 = "calib-bert B-Q4";
    public static string SlopeName(int batch, int seqLen) => $"tiny-bert B-FP b{batch} t{seqLen} full";

    /// <summary>Batch × length of the slope trials: batch 16 → 64 at 128 tokens, length 32 → 128 at batch 32 (tiny-bert has
    /// 128 positions: a longer max_length trains on 128 tokens).</summary>
    public static readonly IReadOnlyList<(int Batch, int SeqLen)> SlopePoints = [(16, 128), (64, 128), (32, 32), (32, 128)];
}
