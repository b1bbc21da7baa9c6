namespace Sweep.Settings;

/// <summary>
/// The one table of optimisation settings: each field's spec key, default and bounds, with how to read it from and
/// write it into <see cref="TrainingOverrides"/> and <see cref="TrainingSettings"/>. The merge of overrides
/// (<see cref="TrainingOverrides.Over"/>), their resolution against the defaults (<see cref="TrainingOverrides.Resolve"/>)
/// and the spec's <c>training:</c> reader all walk <see cref="All"/>, so adding a field here adds it everywhere.
/// Defaults are the paper's (lr 1e-4, batch 4, 3 epochs, warmup 100, wd 0.01).
/// </summary>
public static class TrainingFields
{
    /// <summary>
    /// Upper bounds: values above them parse but cannot run or cannot be meant. A learning rate of a million or more is a
    /// typo (and 1e39 does not even fit a 32-bit float); large rates below it stay allowed, since a run that diverges is
    /// recorded as an outcome, not refused; more than a hundred million optimizer steps would take years
    /// on any machine; 65,536 tokens is beyond the positions of every model the core can build (each built-in model
    /// has a tighter limit, checked against its positions), and its attention matrix alone would not fit in memory.
    /// </summary>
    public const double MaxLearningRate = 1e6;
    public const int StepLimit = 100_000_000;
    public const int MaxSequenceLength = 65_536;

    public static readonly RealBound LearningRate = new("lr", 1e-4, Above: 0, Below: MaxLearningRate);
    public static readonly IntBound BatchSize = new("batch_size", 4, Min: 1, Max: 65_536);
    public static readonly IntBound Epochs = new("epochs", 3, Min: 1, Max: 100_000);
    public static readonly IntBound WarmupSteps = new("warmup_steps", 100, Min: 0, Max: StepLimit);
    public static readonly RealBound WeightDecay = new("weight_decay", 0.01, Above: 0, Below: 100, ZeroAllowed: true);
    public static readonly RealBound MaxGradNorm = new("max_grad_norm", 1.0, Above: 0, Below: 1e6);
    public static readonly RealBound LoraDropout = new("lora_dropout", 0.1, Above: 0, Below: 1, ZeroAllowed: true);
    /// <summary>Stop after this many optimizer steps (no default: run all epochs).</summary>
    public static readonly IntBound MaxSteps = new("max_steps", null, Min: 1, Max: StepLimit);
    /// <summary>Use at most this many training examples (no default: all).</summary>
    public static readonly IntBound MaxTrainExamples = new("max_train_examples", null, Min: 1);
    public static readonly IntBound MaxEvalExamples = new("max_eval_examples", null, Min: 1);
    /// <summary>Maximum sequence length (classification) or block size (language modelling).</summary>
    public static readonly IntBound MaxLength = new("max_length", 128, Min: 1, Max: MaxSequenceLength);
    /// <summary>Fraction of the data held out for evaluation when the source has no split of its own.</summary>
    public static readonly RealBound EvalFraction = new("eval_fraction", 0.2, Above: 0, Below: 1);

    /// <summary>Every field in spec order, bound to its properties.</summary>
    public static readonly IReadOnlyList<TrainingField> All =
    [
        new RealField(LearningRate, o => o.LearningRate, (o, v) => o with { LearningRate = v }, (s, v) => s with { LearningRate = v }),
        new IntField(BatchSize, o => o.BatchSize, (o, v) => o with { BatchSize = v }, (s, v) => s with { BatchSize = v }),
        new IntField(Epochs, o => o.Epochs, (o, v) => o with { Epochs = v }, (s, v) => s with { Epochs = v }),
        new IntField(WarmupSteps, o => o.WarmupSteps, (o, v) => o with { WarmupSteps = v }, (s, v) => s with { WarmupSteps = v }),
        new RealField(WeightDecay, o => o.WeightDecay, (o, v) => o with { WeightDecay = v }, (s, v) => s with { WeightDecay = v }),
        new RealField(MaxGradNorm, o => o.MaxGradNorm, (o, v) => o with { MaxGradNorm = v }, (s, v) => s with { MaxGradNorm = v }),
        new RealField(LoraDropout, o => o.LoraDropout, (o, v) => o with { LoraDropout = v }, (s, v) => s with { LoraDropout = v }),
        new IntField(MaxSteps, o => o.MaxSteps, (o, v) => o with { MaxSteps = v }, (s, v) => s with { MaxSteps = v }),
        new IntField(MaxTrainExamples, o => o.MaxTrainExamples, (o, v) => o with { MaxTrainExamples = v }, (s, v) => s with { MaxTrainExamples = v }),
        new IntField(MaxEvalExamples, o => o.MaxEvalExamples, (o, v) => o with { MaxEvalExamples = v }, (s, v) => s with { MaxEvalExamples = v }),
        new IntField(MaxLength, o => o.MaxLength, (o, v) => o with { MaxLength = v }, (s, v) => s with { MaxLength = v }),
        new RealField(EvalFraction, o => o.EvalFraction, (o, v) => o with { EvalFraction = v }, (s, v) => s with { EvalFraction = v }),
    ];

    public static IReadOnlyList<string> Keys { get; } = All.Select(f => f.Key).ToList();
}

/// <summary>One row of <see cref="TrainingFields.All"/>: a bound plus its place in the override and settings records.</summary>
public abstract class TrainingField
{
    public abstract string Key { get; }
    /// <summary>Whether <paramref name="o"/> sets this field.</summary>
    public abstract bool IsSet(TrainingOverrides o);
    /// <summary><paramref name="into"/> with this field taken from <paramref name="from"/> where that sets it.</summary>
    public abstract TrainingOverrides Take(TrainingOverrides from, TrainingOverrides into);
    /// <summary><paramref name="s"/> with this field replaced by <paramref name="o"/>'s value where that sets it.</summary>
    public abstract TrainingSettings Apply(TrainingOverrides o, TrainingSettings s);
}

/// <summary>A row over values of type <typeparamref name="T"/> bounded by a <typeparamref name="TBound"/>.</summary>
public abstract class TrainingField<T, TBound>(
    TBound bound,
    string key,
    Func<TrainingOverrides, T?> get,
    Func<TrainingOverrides, T?, TrainingOverrides> set,
    Func<TrainingSettings, T, TrainingSettings> apply) : TrainingField where T : struct
{
    public TBound Bound => bound;
    public override string Key => key;
    public T? Get(TrainingOverrides o) => get(o);
    public TrainingOverrides Set(TrainingOverrides o, T? value) => set(o, value);
    public override bool IsSet(TrainingOverrides o) => get(o) is not null;
    public override TrainingOverrides Take(TrainingOverrides from, TrainingOverrides into) => get(from) is { } v ? set(into, v) : into;
    public override TrainingSettings Apply(TrainingOverrides o, TrainingSettings s) => get(o) is { } v ? apply(s, v) : s;
}

/// <summary>A whole-number row of <see cref="TrainingFields.All"/>.</summary>
public sealed class IntField(
    IntBound bound,
    Func<TrainingOverrides, int?> get,
    Func<TrainingOverrides, int?, TrainingOverrides> set,
    Func<TrainingSettings, int, TrainingSettings> apply) : TrainingField<int, IntBound>(bound, bound.Key, get, set, apply);

/// <summary>A real-valued row of <see cref="TrainingFields.All"/>.</summary>
public sealed class RealField(
    RealBound bound,
    Func<TrainingOverrides, double?> get,
    Func<TrainingOverrides, double?, TrainingOverrides> set,
    Func<TrainingSettings, double, TrainingSettings> apply) : TrainingField<double, RealBound>(bound, bound.Key, get, set, apply);
