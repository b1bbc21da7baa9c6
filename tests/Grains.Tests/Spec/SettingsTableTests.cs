using System.Globalization;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

/// <summary>The one table of defaults and bounds, the merge of overrides, and the preset table.</summary>
[Category(Category.Unit)]
public sealed class SettingsTableTests
{
    [Fact]
    public void TrainingKeysAreTheSpecContractInOrder()
    {
        Assert.Equal(
            ["lr", "batch_size", "epochs", "warmup_steps", "weight_decay", "max_grad_norm", "lora_dropout",
             "max_steps", "max_train_examples", "max_eval_examples", "max_length", "eval_fraction"],
            TrainingFields.Keys);
    }

    [Fact]
    public void DefaultsAreThePapers()
    {
        var d = new TrainingOverrides().Resolve();
        Assert.Equal(new TrainingSettings(), d);
        Assert.Equal((1e-4, 4, 3, 100, 0.01, 1.0, 0.1, 128, 0.2), (d.LearningRate, d.BatchSize, d.Epochs, d.WarmupSteps, d.WeightDecay, d.MaxGradNorm, d.LoraDropout, d.MaxLength, d.EvalFraction));
        Assert.Null(d.MaxSteps);
        var a = new AdapterSpec();
        Assert.Equal(["all-linear"], a.Targets);
        Assert.Equal(16, a.AlphaOrDefault());
        var spec = new SweepSpec { Name = "n", Tasks = [], Presets = [], Seeds = [] };
        Assert.Equal([8], spec.Ranks);
        Assert.Equal((2, 2, 50), (spec.Concurrency, spec.Retries, spec.CheckpointEvery));
        var ada = new AdaLoraSettings();
        Assert.Equal((12, 4, 0.1, 0.2, 10, 0.5), (ada.InitRank, ada.TargetRank, ada.TinitFraction, ada.TfinalFraction, ada.DeltaT, ada.OrthRegWeight));
    }

    /// <summary>Each row writes exactly its own property: setting one field changes that setting and no other.</summary>
    [Fact]
    public void EachFieldResolvesIntoItsOwnSettingOnly()
    {
        var defaults = new TrainingSettings();
        var properties = typeof(TrainingSettings).GetProperties();
        Assert.Equal(TrainingFields.All.Count, properties.Length);
        var touched = new HashSet<string>();
        foreach (var field in TrainingFields.All)
        {
            var (overrides, value) = WithValue(field);
            Assert.True(field.IsSet(overrides));
            var resolved = overrides.Resolve();
            var changed = properties.Where(p => !Equals(p.GetValue(resolved), p.GetValue(defaults))).ToList();
            var p = Assert.Single(changed);
            Assert.Equal(value, Convert.ToDouble(p.GetValue(resolved), CultureInfo.InvariantCulture));
            Assert.True(touched.Add(p.Name), $"{field.Key} writes {p.Name}, which another field also writes");
        }
    }

    [Fact]
    public void OverTakesTheUpperLevelWhereSetAndIsAssociative()
    {
        var preset = new TrainingOverrides { LearningRate = 5e-4 };
        var training = new TrainingOverrides { LearningRate = 1e-3, BatchSize = 16 };
        var defaults = new TrainingOverrides { BatchSize = 8, Epochs = 2 };
        var merged = preset.Over(training);
        Assert.Equal(new TrainingOverrides { LearningRate = 5e-4, BatchSize = 16 }, merged);
        Assert.Equal(preset.Over(training).Over(defaults), preset.Over(training.Over(defaults)));
        Assert.Equal(training, new TrainingOverrides().Over(training));
        Assert.Equal(training, training.Over(new TrainingOverrides()));
        var resolved = merged.Resolve();
        Assert.Equal((5e-4, 16, new TrainingSettings().Epochs), (resolved.LearningRate, resolved.BatchSize, resolved.Epochs));
    }

    /// <summary>The spec reader enforces the table's bounds: each field just outside them is reported under its path.</summary>
    [Fact]
    public void TheReaderRejectsEachFieldJustOutsideItsBound()
    {
        foreach (var field in TrainingFields.All)
        {
            var bad = field switch
            {
                IntField i => (i.Bound.Min - 1).ToString(CultureInfo.InvariantCulture),
                RealField { Bound.Below: { } below } => below.ToString(CultureInfo.InvariantCulture),
                RealField r => r.Bound.ZeroAllowed ? "-0.5" : r.Bound.Above.ToString(CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException(field.Key),
            };
            var yaml = SpecLoaderTests.Good.Replace("training: { lr: 1e-4, batch_size: 16, epochs: 1, warmup_steps: 100, weight_decay: 0.01 }", $"training: {{ {field.Key}: {bad} }}");
            var problems = SpecLoader.Load(yaml).Problems.Select(p => p.Path).ToList();
            Assert.Equal([$"training.{field.Key}"], problems);
        }
    }

    [Fact]
    public void BoundsAdmitTheirLimitsAndNothingBeyond()
    {
        Assert.True(TrainingFields.WarmupSteps.Allows(0));
        Assert.False(TrainingFields.WarmupSteps.Allows(-1));
        Assert.False(TrainingFields.BatchSize.Allows(0));
        Assert.True(TrainingFields.WeightDecay.Allows(0));
        Assert.False(TrainingFields.WeightDecay.Allows(-1e-9));
        Assert.False(TrainingFields.LearningRate.Allows(0));
        Assert.True(TrainingFields.LoraDropout.Allows(0));
        Assert.False(TrainingFields.LoraDropout.Allows(1));
        Assert.False(TrainingFields.EvalFraction.Allows(0));
        Assert.True(AdapterFields.AdaTinit.Allows(0));
    }

    [Fact]
    public void PresetTableHoldsTheSixContractPresets()
    {
        Assert.Equal(["B-FP", "B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3"], Presets.Names);
        Assert.Equal(["B-FP", "B-Q4", "Joint-3"], Presets.FixedRank);
        Assert.Equal(["B-Ada", "Joint-1", "Joint-2"], Presets.Adaptive);
        Assert.Equal(["LoRA", "LoRA", "AdaLoRA", "AdaLoRA", "AdaLoRA", "LoRA"], Presets.Names.Select(Presets.MethodName));
        Assert.All(Presets.Adaptive, p => Assert.NotNull(Presets.Find(p)!.AdaLora));
        var joint3 = Presets.Find("Joint-3")!;
        Assert.False(joint3.RankIsSwept);
        Assert.Equal((6, 10, 8), (joint3.RankByKind[ModuleKind.Attention], joint3.RankByKind[ModuleKind.FeedForward], joint3.RankByKind[ModuleKind.Other]));
        Assert.Equal("unknown preset 'X' (known: B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3)", Presets.Unknown("X"));
    }

    [Fact]
    public void TrialStateIsFinishedOnlyOnceTheTrialEnded()
    {
        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Diverged, TrialState.Cancelled],
            Enum.GetValues<TrialState>().Where(s => s.IsFinished()));
    }

    /// <summary>A valid value for <paramref name="field"/> that differs from its default.</summary>
    private static (TrainingOverrides, double) WithValue(TrainingField field) => field switch
    {
        IntField i => (i.Set(new TrainingOverrides(), (i.Bound.Default ?? 5) + 7), (i.Bound.Default ?? 5) + 7),
        RealField r => (r.Set(new TrainingOverrides(), r.Bound.Value / 2), r.Bound.Value / 2),
        _ => throw new InvalidOperationException(field.Key),
    };
}
