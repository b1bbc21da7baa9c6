using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Adapters.AdaLora;

/// <summary>
/// An AdaLoRA adapter for one linear layer, with PEFT's semantics (SVDLinear): ΔW = P·Λ·Q where
/// Q = <c>lora_A</c> (r, in), Λ = <c>lora_E</c> (r, 1) and P = <c>lora_B</c> (out, r); Λ starts at zero,
/// P and Q ~ N(0, 0.02²); the contribution is scaled by α / (ranknum + 1e-5), where ranknum is the INITIAL
/// rank and never changes when triplets are masked (so pruning does not rescale what is left). Dropout acts
/// on the adapter's input only. Masked triplets have their Λ entry set to zero (<see cref="ApplyRankMask"/>);
/// the rank allocator decides which.
/// </summary>
public sealed class AdaLoraAdapter : nn.Module<Tensor, Tensor>, ILinearAdapter
{
    /// <summary>PEFT adds this to ranknum in the scaling's denominator.</summary>
    public const double RankNumEpsilon = 1e-5;

    /// <summary>Standard deviation of PEFT's normal initialisation of P and Q.</summary>
    public const double InitStd = 0.02;

#pragma warning disable IDE1006 // PEFT / HF parameter names: they become the state-dict keys.
    private readonly Parameter lora_A;
    private readonly Parameter lora_E;
    private readonly Parameter lora_B;
    private readonly SeededDropout? lora_dropout;
#pragma warning restore IDE1006

    private bool[] _keep;
    private Tensor? _maskTensor;

    public AdaLoraAdapter(long inFeatures, long outFeatures, int rank, double alpha, double dropout = 0.0,
        Generator? generator = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
        : base(nameof(AdaLoraAdapter))
    {
        if (inFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "must be positive");
        if (outFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "must be positive");
        if (rank <= 0) throw new InvalidInputException($"AdaLoRA rank must be positive, got {rank}");
        if (dropout is < 0 or >= 1) throw new InvalidInputException($"AdaLoRA dropout must be in [0, 1), got {dropout}");

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        InitialRank = rank;
        Alpha = alpha;
        RankNum = rank;
        _keep = Enumerable.Repeat(true, rank).ToArray();

        using (no_grad())
        {
            lora_A = new Parameter(empty(rank, inFeatures, dtype: dtype, device: device).normal_(0, InitStd, generator));  // (r, in)
            lora_E = new Parameter(zeros(rank, 1, dtype: dtype, device: device));                                          // (r, 1)
            lora_B = new Parameter(empty(outFeatures, rank, dtype: dtype, device: device).normal_(0, InitStd, generator)); // (out, r)
        }
        if (dropout > 0) lora_dropout = new SeededDropout(dropout);
        RegisterComponents();
    }

    public string Kind => "adalora";

    public long InFeatures { get; }

    public long OutFeatures { get; }

    /// <summary>The initial rank r (the shape of the triplet tensors; the allocator's budget unit).</summary>
    public int InitialRank { get; }

    /// <summary>The current effective rank: triplets not masked (the <see cref="ILinearAdapter"/> rank).</summary>
    public int Rank => _keep.Count(k => k);

    /// <summary>Which triplets are kept (true) by the latest mask; all true before any masking.</summary>
    public IReadOnlyList<bool> RankPattern => _keep;

    public double Alpha { get; }

    /// <summary>PEFT's ranknum: the initial rank, fixed for the life of the adapter.</summary>
    public double RankNum { get; }

    /// <summary>α / (ranknum + 1e-5), as PEFT's SVDLinear scales.</summary>
    public double Scaling => Alpha / (RankNum + RankNumEpsilon);

    /// <summary>Trainable parameters at the initial rank: r·in (Q) + r·out (P) + r (Λ); masking does not shrink the tensors.</summary>
    public long TrainableParameterCount => InitialRank * (InFeatures + OutFeatures) + InitialRank;

    /// <summary>Q, (r, in).</summary>
    public Parameter A => lora_A;

    /// <summary>Λ, (r, 1).</summary>
    public Parameter E => lora_E;

    /// <summary>P, (out, r).</summary>
    public Parameter B => lora_B;

    public override Tensor forward(Tensor x) => Delta(x);

    /// <summary>
    /// The adapter's contribution for input x (…, in): dropout(x) · (Q ⊙ Λ)ᵀ · Pᵀ · scaling → (…, out), in the
    /// adapter's dtype (x is cast to it; the caller casts the sum back where it needs to).
    /// </summary>
    public Tensor Delta(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x.to(lora_A.dtype);                                  // (…, in)
        if (lora_dropout is not null) h = lora_dropout.call(h);
        var qe = lora_A * lora_E;                                   // (r, in): row i scaled by λ_i
        var low = nn.functional.linear(h, qe);                      // (…, r)
        var delta = nn.functional.linear(low, lora_B) * Scaling;    // (…, out)
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>ΔW = P · (Q ⊙ Λ) · scaling, (out, in): what merging adds to the base weight.</summary>
    public Tensor DeltaWeight()
    {
        using var scope = NewDisposeScope();
        var delta = lora_B.matmul(lora_A * lora_E) * Scaling;        // (out, in)
        return delta.MoveToOuterDisposeScope();
    }

    /// <summary>Zeros Λ where <paramref name="keep"/> is false and remembers the pattern (no autograd).</summary>
    public void ApplyRankMask(IReadOnlyList<bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.Count != InitialRank)
            throw new ArgumentException($"rank mask has {keep.Count} entries, adapter rank is {InitialRank}", nameof(keep));
        _keep = keep.ToArray();
        _maskTensor?.Dispose();
        var dropped = _keep.Select(k => !k).ToArray();
        _maskTensor = tensor(dropped, new long[] { InitialRank, 1 }, device: lora_E.device).DetachFromDisposeScope(); // (r, 1) true = masked
        ReapplyRankMask();
    }

    /// <summary>Zeros the masked Λ entries again (after an optimizer step may have moved them).</summary>
    public void ReapplyRankMask()
    {
        if (_maskTensor is null) return;
        using var noGrad = no_grad();
        if (_maskTensor.device_type != lora_E.device_type || _maskTensor.device_index != lora_E.device_index)
        {
            var moved = _maskTensor.to(lora_E.device).DetachFromDisposeScope();
            _maskTensor.Dispose();
            _maskTensor = moved;
        }
        lora_E.masked_fill_(_maskTensor, 0.0);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _maskTensor?.Dispose();
        base.Dispose(disposing);
    }
}
