using Sweep.Settings;
using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Models;
using Sweep.Training.Presets;
using Sweep.Training.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Trials;

/// <summary>
/// Builds a model and applies a preset in the only order that is right: seed, build, load weights, move to the
/// device, set the base precision (quantize), attach adapters (fp32), freeze all but adapters and head.
/// Shared by training and <c>sweep inspect</c>.
/// </summary>
public static class TrialPreparation
{
    public static PreparedTrial Prepare(string model, TaskKind kind, string presetName, int? rank, int seed, string device,
        bool loadWeights, double? dropout = null, AdapterSpec? adapter = null)
    {
        adapter ??= new AdapterSpec();
        var basePreset = PresetCatalog.Get(presetName);
        var preset = basePreset with { AdaLora = adapter.AdaLoraFor(basePreset, rank) };
        if (preset.AdaLora?.Problems() is { Count: > 0 } problems) throw new InvalidInputException(string.Join("; ", problems));
        var alpha = adapter.AlphaOrDefault();
        if (alpha <= 0) throw new InvalidInputException($"adapter.alpha: must be > 0 (got {alpha})");
        var dev = Devices.DeviceSelector.Resolve(device);
        lock (TrialRandom.ConstructionLock) // initial weights come from the process-wide generator: one trial builds at a time
            return Build(model, kind, loadWeights, seed, dev, preset, rank, alpha, dropout ?? TrainingFields.LoraDropout.Value, adapter);
    }

    private static PreparedTrial Build(string model, TaskKind kind, bool loadWeights, int seed, Device dev, PresetDefinition preset,
        int? rank, double alpha, double dropout, AdapterSpec adapter)
    {
        manual_seed(seed);
        var built = ModelCatalog.Create(model, kind, loadWeights);
        built.Module.to(dev);
        var precision = PrecisionApplier.Apply(built.Module, preset.Precision, dev);
        var plan = preset.Plan(rank, alpha, dropout) with { Targets = adapter.Targets };
        var adapters = preset.Method switch
        {
            AdapterMethod.AdaLora => AdapterInjector.Attach(built.Module, plan, (_, layer, r) =>
                new AdaLoraAdapter(layer.InFeatures, layer.OutFeatures, r, alpha, dropout, device: dev)),
            _ => AdapterInjector.AttachLora(built.Module, plan),
        };
        var head = built.Classifier?.HeadPrefixes ?? [];
        AdapterInjector.FreezeAllButAdaptersAnd(built.Module, head);
        return new PreparedTrial(built, preset, precision, adapters, dev);
    }
}
