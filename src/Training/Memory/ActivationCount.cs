namespace Sweep.Training.Memory;

/// <summary>
/// The values autograd keeps per token for the backward pass of a training step, counted from the forward code
/// (<c>BertSelfAttention</c>, <c>BertResidualOutput</c>, <c>BertIntermediate</c>, <c>LoraAdapter</c>, <c>SeededDropout</c>):
/// nothing is fitted. A frozen base linear keeps no input (its weight needs no gradient); an adapter's A keeps its
/// input; a matmul of two tensors that need gradients keeps both; softmax keeps its output; LayerNorm its input;
/// GELU its input; a dropout keeps its mask, a tensor of the input's dtype.
/// </summary>
public static class ActivationCount
{
    /// <summary>Values per token and layer, as multiples of the width, the FFN width and the attention maps (heads × sequence).</summary>
    public sealed record PerLayer(double Width, double Ffn, double Maps);

    /// <param name="loraDropout">whether the adapters drop their inputs (lora_dropout &gt; 0).</param>
    public static PerLayer Layer(bool loraDropout)
    {
        // width: q, k, v (kept by the two attention matmuls, as the copies that batch them), the hidden dropouts' two
        // masks, the two LayerNorms' inputs; FFN width: the intermediate output (kept by GELU); maps: softmax's output,
        // the attention dropout's mask and the dropped probabilities (kept by probs·V)
        double width = 3 + 2 + 2, ffn = 1, maps = 3;
        if (loraDropout)
        {
            // each of the six adapters keeps its dropout's mask and the dropped input (five read the width, one the FFN width)
            width += 5 * 2;
            ffn += 2;
        }
        else
        {
            // the adapters keep their inputs themselves: the layer input (shared by q, k, v), the attention context,
            // the attention output (read by the intermediate linear), and GELU's output
            width += 3;
            ffn += 1;
        }
        return new PerLayer(width, ffn, maps);
    }

    /// <summary>The embeddings' sum (kept by their LayerNorm) and the embedding dropout's mask, in widths per token.</summary>
    public const double EmbeddingWidths = 2;

    /// <summary>Layers whose kept values exist at the peak: all of them when the backward pass starts, plus the
    /// gradients of the layer it is working on (counted as one more layer's worth).</summary>
    public static int LayersAtPeak(int layers) => layers + 1;

    /// <summary>Values kept per token over the whole model at a sequence length of <paramref name="seqLen"/>.</summary>
    public static double PerToken(ModelDimensions m, int seqLen, bool loraDropout)
    {
        var l = Layer(loraDropout);
        var perLayer = l.Width * m.Hidden + l.Ffn * m.Intermediate + l.Maps * m.Heads * (double)seqLen;
        return LayersAtPeak(m.Layers) * perLayer + EmbeddingWidths * m.Hidden;
    }
}
