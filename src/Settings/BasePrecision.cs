namespace Sweep.Settings;

/// <summary>How the frozen base weights are stored and computed.</summary>
public enum BasePrecision
{
    /// <summary>16-bit storage and compute: fp16 on CUDA/MPS, bf16 on CPUs that have it, else fp32.</summary>
    Half16,
    /// <summary>NF4 4-bit storage (double-quantized), 16-bit compute.</summary>
    Nf4,
    /// <summary>fp32 storage, 16-bit compute per matmul, fp32 adapters.</summary>
    Mixed,
    /// <summary>fp32 storage and compute.</summary>
    Full,
}
