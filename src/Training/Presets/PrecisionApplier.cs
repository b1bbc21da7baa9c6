using Sweep.Settings;
using Sweep.Training.Layers;
using static TorchSharp.torch;

namespace Sweep.Training.Presets;

/// <summary>The dtypes a trial really ran with, as results record them.</summary>
public sealed record AppliedPrecision(string BaseDtype, string ComputeDtype, int QuantizedLinears);

/// <summary>
/// Puts the frozen base of every targetable linear into the preset's precision. Must run after weights are
/// loaded and before adapters are attached (adapters stay fp32). Embeddings, LayerNorms and the task head
/// stay fp32 (as QLoRA keeps them in higher precision).
/// </summary>
public static class PrecisionApplier
{
    public static AppliedPrecision Apply(nn.Module model, BasePrecision precision, Device device)
    {
        var half = Devices.PrecisionSupport.HalfType(device);
        var linears = Adapters.AdapterInjector.Linears(model);
        switch (precision)
        {
            case BasePrecision.Full:
                return new AppliedPrecision("fp32", "fp32", 0);
            case BasePrecision.Half16:
                if (half is null) return new AppliedPrecision("fp32", "fp32", 0);
                foreach (var (_, l) in linears) l.StoreBaseAs(half.Value);
                return new AppliedPrecision(DtypeNames.Of(half.Value), DtypeNames.Of(half.Value), 0);
            case BasePrecision.Mixed:
                var compute = half ?? ScalarType.Float32;
                foreach (var (_, l) in linears) l.ComputeIn(compute);
                return new AppliedPrecision("fp32", DtypeNames.Of(compute), 0);
            case BasePrecision.Nf4:
                var nf4Compute = half ?? ScalarType.Float32;
                foreach (var (_, l) in linears) l.Quantize(doubleQuant: true, nf4Compute);
                return new AppliedPrecision("nf4", DtypeNames.Of(nf4Compute), linears.Count);
            default:
                throw new ArgumentOutOfRangeException(nameof(precision));
        }
    }
}
