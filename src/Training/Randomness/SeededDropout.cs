using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Randomness;

/// <summary>
/// Inverted dropout (zero with probability p, scale the rest by 1/(1−p)) drawing its mask from the current trial's
/// generator (<see cref="TrialRandom.Current"/>) on CPU; outside a training loop, and on accelerators (TorchSharp makes
/// only CPU generators), from libtorch's default one. Identity in
/// eval mode. Has no parameters, so state-dict names are as with <c>nn.Dropout</c>.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _p;

    public SeededDropout(double p) : base(nameof(SeededDropout))
    {
        if (p is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        _p = p;
    }

    public override Tensor forward(Tensor x)
    {
        if (!training || _p == 0) return x.alias();
        if (TrialRandom.Current is not { } generator || x.device_type != DeviceType.CPU) // TorchSharp generators are CPU-only
            return nn.functional.dropout(x, _p, training: true);
        using var keep = rand(x.shape, dtype: x.dtype, device: x.device, generator: generator).ge_(_p);
        return x.mul(keep).div_(1 - _p);
    }
}
