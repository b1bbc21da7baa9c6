using Sweep.Training.Adapters;
using Sweep.Training.Quantization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Layers;

/// <summary>
/// A linear layer that adapters can target. It keeps the Hugging Face names of nn.Linear
/// (<c>weight</c> (out, in), <c>bias</c>) so checkpoints load unchanged, and holds its base weight in one of
/// three forms: dense at any dtype, dense fp32 with 16-bit compute per matmul (mixed), or NF4-quantized
/// (<c>weight_nf4.*</c>, dequantized inside each forward and again in backward, no lasting full-precision copy).
/// An optional adapter (<c>adapter.*</c>) adds its low-rank update: y = base(x) + adapter(x).
/// </summary>
public sealed class TargetLinear : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // HF parameter names
    private Parameter? weight;
    private Parameter? bias;
#pragma warning restore IDE1006
    private Nf4Weight? _quantized;
    private ILinearAdapter? _adapter;
    private bool _merged;

    public int InFeatures { get; }
    public int OutFeatures { get; }

    /// <summary>Dtype of the matmul; null = the stored weight's dtype.</summary>
    public ScalarType? ComputeDtype { get; private set; }

    public TargetLinear(int inFeatures, int outFeatures, bool hasBias = true) : base(nameof(TargetLinear))
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        using var init = nn.Linear(inFeatures, outFeatures, hasBias);
        weight = new Parameter(init.weight!.detach().clone(), requires_grad: true);
        if (hasBias) bias = new Parameter(init.bias!.detach().clone(), requires_grad: true);
        RegisterComponents();
    }

    public Parameter? Weight => weight;
    public Parameter? Bias => bias;
    public ILinearAdapter? Adapter => _adapter;
    public Nf4Weight? Quantized => _quantized;
    public bool IsMerged => _merged;

    /// <summary>The dtype the base weight is stored in ("nf4" when quantized).</summary>
    public string BaseDtypeName => _quantized is not null ? "nf4" : DtypeNames.Of(weight!.dtype);

    /// <summary>Bytes the frozen base occupies (weight and bias).</summary>
    public long BaseBytes =>
        (_quantized?.StorageBytes ?? weight!.numel() * weight.element_size()) + (bias is null ? 0 : bias.numel() * bias.element_size());

    public void AttachAdapter(ILinearAdapter adapter)
    {
        if (_adapter is not null) throw new InvalidOperationException("an adapter is already attached");
        if (adapter is not nn.Module module) throw new ArgumentException("adapter must be a TorchSharp module", nameof(adapter));
        _adapter = adapter;
        register_module("adapter", module);
    }

    /// <summary>Stores the base weight at <paramref name="dtype"/> (e.g. bf16 or fp16).</summary>
    public void StoreBaseAs(ScalarType dtype, ScalarType? computeDtype = null)
    {
        EnsureDense("change the base dtype");
        using (no_grad())
        {
            weight = new Parameter(weight!.detach().to(dtype), requires_grad: false);
            if (bias is not null) bias = new Parameter(bias.detach().to(dtype), requires_grad: false);
        }
        ConditionallyRegisterParameter("weight", weight);
        ConditionallyRegisterParameter("bias", bias);
        ComputeDtype = computeDtype;
    }

    /// <summary>Keeps fp32 storage and computes each matmul in <paramref name="computeDtype"/> (mixed precision).</summary>
    public void ComputeIn(ScalarType computeDtype) => ComputeDtype = computeDtype;

    /// <summary>
    /// Replaces the dense weight by NF4 codes; the matmul runs in <paramref name="computeDtype"/>. Quantizes on the
    /// weight's device unless that device lacks one of NF4's integer ops (<see cref="Nf4DeviceOps"/>).
    /// </summary>
    public void Quantize(bool doubleQuant, ScalarType computeDtype)
    {
        EnsureDense("quantize");
        var device = weight!.device;
        if (Nf4DeviceOps.Check(device).QuantizeOnDevice)
        {
            _quantized = Nf4Weight.Quantize(weight.detach(), doubleQuant);
        }
        else
        {
            // Fallback: the device lacks a quantization op; quantize on the CPU and move the codes over.
            using var onCpu = weight.detach().cpu();
            _quantized = Nf4Weight.Quantize(onCpu, doubleQuant);
            _quantized.to(device);
        }
        register_module("weight_nf4", _quantized);
        weight!.Dispose();
        weight = null;
        ConditionallyRegisterParameter("weight", null);
        if (bias is not null)
        {
            bias = new Parameter(bias.detach().to(computeDtype), requires_grad: false);
            ConditionallyRegisterParameter("bias", bias);
        }
        ComputeDtype = computeDtype;
    }

    // x (…, in) → (…, out)
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var compute = ComputeDtype ?? (_quantized is not null ? ScalarType.Float32 : weight!.dtype);
        var b = bias?.to(compute);
        var y = BaseLinear(x.to(compute), b, compute).to(x.dtype);                             // (…, out)
        if (_adapter is not null && !_merged) y = y.add(_adapter.Delta(x).to(x.dtype));
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// x·Wᵀ + b in the compute type. A weight made for the matmul (dequantized, or cast from its stored type) goes through
    /// <see cref="RebuiltWeightMatmul"/> when a gradient will flow to x, so backward makes it again instead of autograd
    /// keeping it from forward; a weight used as stored is kept by autograd as a reference, costing nothing.
    /// </summary>
    private Tensor BaseLinear(Tensor x, Tensor? b, ScalarType compute)
    {
        var frozen = _quantized is not null || !weight!.requires_grad;
        var made = _quantized is not null || weight!.dtype != compute;
        if (made && frozen && x.requires_grad && is_grad_enabled())
        {
            var y = RebuiltWeightMatmul.Apply(x, () => MakeWeight(compute));
            return b is null ? y : y.add(b);
        }
        using var w = MakeWeight(compute);
        return nn.functional.linear(x, w, b);
    }

    // (out, in) in the compute type: the NF4 codes dequantized, or the stored weight (cast where the types differ)
    private Tensor MakeWeight(ScalarType compute) =>
        _quantized is not null ? _quantized.Dequantize(compute) : weight!.to(compute);

    /// <summary>W ← W + ΔW; forward then skips the adapter. Dense bases only.</summary>
    public void Merge()
    {
        EnsureDense("merge");
        if (_adapter is null || _merged) return;
        using (no_grad()) weight!.add_(_adapter.DeltaWeight().to(weight.dtype));
        _merged = true;
    }

    /// <summary>W ← W − ΔW, undoing <see cref="Merge"/>.</summary>
    public void Unmerge()
    {
        if (_adapter is null || !_merged) return;
        using (no_grad()) weight!.sub_(_adapter.DeltaWeight().to(weight.dtype));
        _merged = false;
    }

    private void EnsureDense(string what)
    {
        if (_quantized is not null) throw new InvalidOperationException($"cannot {what}: the base weight is NF4-quantized");
    }
}
