using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// Mean next-token cross-entropy of a tied vocabulary projection, computed a chunk of rows at a time so the (N, V) logits
/// (N = batch × block tokens, V = 50,257 for GPT-2) never exist whole. The usual path holds N × V floats several times
/// per step (logits, their log-softmax, and both gradients), hundreds of megabytes that the allocator maps and unmaps
/// every step; here each chunk's logits live only inside the chunk.
///
/// Training: the forward computes per chunk the loss and, analytically, the gradients of the mean loss with respect to
/// the hidden states, G_h = (softmax(hWᵀ) − onehot(y)) W / N, and (when the projection is trained) G_W = (softmax − onehot)ᵀ h / N.
/// It returns loss_value + Σ h·G_h − (Σ h·G_h).detach() (+ the same for W): its value is the loss and backward gives
/// exactly those gradients to h (and W), from where autograd continues through the network.
///
/// Layouts: the projection multiplies by a contiguous copy of Wᵀ (C, V) and G_W is accumulated transposed, as hᵀ·G (C, V);
/// on one CPU thread MKL does each of these products in about half to two thirds of the time it takes on W as stored
/// (V, C) (the bench's <c>lm-profile</c> times both).
/// </summary>
public static class ChunkedLmLoss
{
    /// <summary>
    /// Rows of logits per chunk: 128 × 50,257 fp32 ≈ 25.7 MB, under glibc's largest mmap threshold (32 MiB), so a chunk's
    /// buffers come back from the heap step after step instead of being mapped, page-faulted in and unmapped each time
    /// (whole logits, 1,024 × 50,257 fp32 ≈ 206 MB per tensor, always are: that is where the kernel time went).
    /// </summary>
    public const int DefaultChunkRows = 128;

    /// <param name="hidden">(N, C) final hidden states, with a graph.</param>
    /// <param name="weight">(V, C) tied output embedding; its gradient is computed only when it requires one.</param>
    /// <param name="targets">(N) int64 target ids.</param>
    /// <param name="logitsType">type of the chunk's matmul (16-bit where the device is fast at it); the softmax runs in fp32.</param>
    public static Tensor MeanWithGradient(Tensor hidden, Tensor weight, Tensor targets, int chunkRows = DefaultChunkRows, ScalarType? logitsType = null)
    {
        var n = hidden.shape[0];
        var trainsWeight = weight.requires_grad;
        var gradHidden = zeros_like(hidden, dtype: ScalarType.Float32);
        // G_Wᵀ = hᵀ (softmax − onehot) / N, accumulated as (C, V): MKL computes it about twice as fast as (softmax − onehot)ᵀ h
        var gradWeightT = trainsWeight ? zeros(weight.shape[1], weight.shape[0], dtype: ScalarType.Float32, device: weight.device) : null;
        double lossSum = 0;
        using (no_grad())
        {
            using var h = hidden.detach();
            using var w = weight.detach();
            using var wT = Transposed(w, logitsType);
            using var wFloat = w.dtype == ScalarType.Float32 ? w.alias() : w.to(ScalarType.Float32);
            for (long start = 0; start < n; start += chunkRows)
            {
                using var scope = NewDisposeScope();
                var rows = Math.Min(chunkRows, n - start);
                var hc = h.narrow(0, start, rows);                                            // (n, C)
                var yc = targets.narrow(0, start, rows);                                      // (n)
                var logits = hc.to(wT.dtype).matmul(wT).to(ScalarType.Float32);               // (n, V)
                var logProbs = logits.log_softmax(-1);                                        // (n, V)
                lossSum -= logProbs.gather(1, yc.unsqueeze(1)).sum().item<float>();
                var g = logProbs.exp_();                                                      // softmax, in place
                g.scatter_add_(1, yc.unsqueeze(1), full(new long[] { rows, 1 }, -1f, dtype: ScalarType.Float32, device: g.device)); // − onehot(y)
                // the 1/N of the mean is applied to the small products, not to the (n, V) block: one pass over it fewer
                gradHidden.narrow(0, start, rows).copy_(g.matmul(wFloat).div_(n));            // (n, C)
                gradWeightT?.addmm_(hc.to(ScalarType.Float32).t(), g, beta: 1, alpha: 1f / n); // (C, V)
            }
        }
        var loss = tensor((float)(lossSum / n), device: hidden.device);
        var surrogate = hidden.to(ScalarType.Float32).mul(gradHidden).sum();
        if (gradWeightT is not null)
        {
            var gradWeight = gradWeightT.t().contiguous(); // (V, C) once: a product with the strided view, and its backward, are slow
            surrogate = surrogate.add(weight.to(ScalarType.Float32).mul(gradWeight).sum());
        }
        return loss.add(surrogate.sub(surrogate.detach()));
    }

    /// <summary>
    /// Wᵀ as a contiguous (C, V) matrix in the matmul's type, made once per call: h·Wᵀ on it takes about two thirds of
    /// the time of the same product on W as stored (V, C) (the projection is a quarter to a third of a step).
    /// </summary>
    private static Tensor Transposed(Tensor w, ScalarType? logitsType)
    {
        if (logitsType is not { } t || t == w.dtype) return w.t().contiguous();
        using var converted = w.to(t);
        return converted.t().contiguous();
    }

    /// <summary>Summed cross-entropy (nats) of all rows, without gradients, a chunk at a time (evaluation).</summary>
    public static double Sum(Tensor hidden, Tensor weight, Tensor targets, int chunkRows = DefaultChunkRows, ScalarType? logitsType = null)
    {
        using var _ = no_grad();
        double sum = 0;
        var n = hidden.shape[0];
        using var wT = Transposed(weight, logitsType);
        for (long start = 0; start < n; start += chunkRows)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(chunkRows, n - start);
            var hc = hidden.narrow(0, start, rows);
            var logits = hc.to(wT.dtype).matmul(wT).to(ScalarType.Float32);                  // (n, V)
            sum += nn.functional.cross_entropy(logits, targets.narrow(0, start, rows), reduction: nn.Reduction.Sum).item<float>();
        }
        return sum;
    }
}
