using Sweep.Settings;
using Sweep.Training.Adapters;
using Sweep.Training.Models;
using Sweep.Training.Presets;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Trials;

/// <summary>A model with its preset applied: precision set, adapters attached, everything else frozen.</summary>
public sealed record PreparedTrial(
    BuiltModel Model,
    PresetDefinition Preset,
    AppliedPrecision Precision,
    IReadOnlyList<(string Path, ILinearAdapter Adapter)> Adapters,
    Device Device)
{
    public long TrainableParameters => Model.Module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>All parameters of the full model: base (counting NF4-coded weights by their element count), adapters and head.</summary>
    public long TotalParameters =>
        Model.Module.parameters().Sum(p => p.numel()) + AdapterInjector.Linears(Model.Module).Where(l => l.Layer.Quantized is not null)
            .Sum(l => (long)l.Layer.InFeatures * l.Layer.OutFeatures);
}
