using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Adapters;

/// <summary>
/// LoRA with PEFT's semantics: ΔW = B·A·(α/r), A (r, in) kaiming-uniform(a = √5), B (out, r) zero,
/// dropout on the adapter input only. Parameters: <c>lora_A.weight</c>, <c>lora_B.weight</c>.
/// </summary>
public sealed class LoraAdapter : nn.Module<Tensor, Tensor>, ILinearAdapter
{
#pragma warning disable IDE1006 // HF/PEFT parameter names
    private readonly Linear lora_A;
    private readonly Linear lora_B;
#pragma warning restore IDE1006
    private readonly SeededDropout dropout;

    public int InFeatures { get; }
    public int OutFeatures { get; }
    public int Rank { get; }
    public double Alpha { get; }
    public double Scaling => Alpha / Rank;
    public string Kind => "lora";

    public LoraAdapter(int inFeatures, int outFeatures, int rank, double alpha, double dropoutProbability)
        : base(nameof(LoraAdapter))
    {
        if (rank <= 0) throw new InvalidInputException($"rank: must be > 0 (got {rank})");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Rank = rank;
        Alpha = alpha;
        lora_A = nn.Linear(inFeatures, rank, hasBias: false);
        lora_B = nn.Linear(rank, outFeatures, hasBias: false);
        dropout = new SeededDropout(dropoutProbability);
        using (no_grad())
        {
            // (r, in) with kaiming-uniform a = √5: bound = 1/√in, as torch.nn.Linear's default init.
            nn.init.kaiming_uniform_(lora_A.weight!, a: Math.Sqrt(5));
            nn.init.zeros_(lora_B.weight!);
        }
        RegisterComponents();
    }

    public Tensor A => lora_A.weight!;
    public Tensor B => lora_B.weight!;

    public long TrainableParameterCount => (long)Rank * (InFeatures + OutFeatures);

    public override Tensor forward(Tensor x) => Delta(x);

    // x (…, in) → (…, out)
    public Tensor Delta(Tensor x) => lora_B.forward(lora_A.forward(dropout.forward(x))).mul(Scaling);

    // (out, r) @ (r, in) → (out, in)
    public Tensor DeltaWeight() => lora_B.weight!.matmul(lora_A.weight!).mul(Scaling);
}
