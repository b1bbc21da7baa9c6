using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;

namespace Sweep.Training.Trials;

/// <summary>What is really in a prepared model, per targeted module and in total (<c>sweep inspect</c>).</summary>
public sealed record ModelInspection(
    string Model, string Preset, string Method, string Device, string BaseDtype, string ComputeDtype,
    long TrainableParams, long TotalParams, double TrainablePercent,
    int TargetedLinears, int QuantizedLinears, long BaseLinearBytes, double BaseBitsPerParam,
    IReadOnlyList<ModuleInspection> Modules, long HeadParams)
{
    public static ModelInspection Of(string model, PreparedTrial p)
    {
        var modules = AdapterInjector.Linears(p.Model.Module).Select(l =>
        {
            var a = l.Layer.Adapter;
            var initial = a is AdaLoraAdapter ada ? ada.InitialRank : a?.Rank;
            return new ModuleInspection(l.Path, ModuleKinds.Classify(l.Path).ToString().ToLowerInvariant(), a?.Kind ?? "none",
                a?.Rank, initial, l.Layer.BaseDtypeName, l.Layer.Quantized is not null, l.Layer.BaseBytes,
                (long)l.Layer.InFeatures * l.Layer.OutFeatures + (l.Layer.Bias?.numel() ?? 0), a?.TrainableParameterCount ?? 0);
        }).ToList();
        var trainable = p.TrainableParameters;
        var total = p.TotalParameters;
        var adapterParams = modules.Sum(m => m.TrainableParams);
        var bytes = modules.Sum(m => m.BaseBytes);
        var baseParams = modules.Sum(m => m.BaseParams);
        return new ModelInspection(model, p.Preset.Name, p.Preset.Method.ToString().ToLowerInvariant(), Devices.DeviceSelector.Name(p.Device),
            p.Precision.BaseDtype, p.Precision.ComputeDtype, trainable, total, 100.0 * trainable / total,
            modules.Count(m => m.Adapter != "none"), modules.Count(m => m.Quantized), bytes, 8.0 * bytes / Math.Max(1, baseParams),
            modules, trainable - adapterParams);
    }
}

/// <summary>One targetable linear: its adapter and rank(s), how its base is stored, and what it costs.</summary>
public sealed record ModuleInspection(
    string Name, string Kind, string Adapter, int? Rank, int? InitialRank, string BaseDtype, bool Quantized,
    long BaseBytes, long BaseParams, long TrainableParams);
