namespace Sweep.Training.Memory;

/// <summary>
/// The values autograd keeps per token for the backward pass of a training step, counted from the forward code
/// (BERT: <c>BertSelfAttention</c>, <c>BertResidualOutput</c>, <c>BertIntermediate</c>; GPT-2: <c>Gpt2Attention</c>,
/// <c>Gpt2Mlp</c>, <c>Gpt2Block</c>; both: <c>LoraAdapter</c>, <c>SeededDropout</c>, <c>Activations</c>): nothing is fitted.
/// A frozen base linear keeps no input (its weight needs no gradient); an adapter's A keeps its input; a matmul of two
/// tensors that need gradients keeps both; softmax keeps its output; LayerNorm its input; exact GELU its input; a
/// dropout keeps its mask, a tensor of the input's dtype. Checked against what libtorch really keeps
/// (<c>KeptActivationsTests</c> reads the native heap in use before and after a forward pass).
/// </summary>
public static class ActivationCount
{
    /// <summary>Values per token and layer, as multiples of the width, the FFN width and the attention maps (heads × sequence).</summary>
    public sealed record PerLayer(double Width, double Ffn, double Maps);

    /// <summary>
    /// Values per token and layer. Both families keep, besides their adapters' inputs, 7 widths (q, k and v as the
    /// copies the two attention matmuls batch, two LayerNorm inputs, two dropout masks: BERT's two hidden dropouts,
    /// GPT-2's residual and MLP dropouts), the activation function's kept values over the FFN width, and three attention
    /// maps (softmax's output, the attention dropout's mask, the dropped probabilities kept by probs·V). Adapters: with
    /// <paramref name="loraDropout"/> each keeps its dropout's mask and the dropped input, two values per input value
    /// (BERT: five adapters read the width, one the FFN width; GPT-2 with its fused q, k, v: three and one); without, A
    /// keeps its input, once where adapters share it (BERT: the layer input, the attention context, the attention output;
    /// GPT-2: the two LayerNorms' outputs and the attention context; both: the activation's output, unless the activation
    /// keeps that output itself, as ReLU does).
    /// </summary>
    public static PerLayer Layer(ModelDimensions m, bool loraDropout)
    {
        var widthAdapters = m.IsGpt2 ? 3 : 5;
        double width = 7, ffn = ActivationKept(m.Activation);
        if (loraDropout)
        {
            width += 2 * widthAdapters;
            ffn += 2;
        }
        else
        {
            width += 3;
            ffn += m.Activation == "relu" ? 0 : 1;
        }
        return new PerLayer(width, ffn, 3);
    }

    /// <summary>
    /// Values the activation function keeps per FFN value: exact GELU its input, ReLU its output; the tanh
    /// approximation (GPT-2's <c>gelu_new</c>), a composite of a cube, a tanh and two products, keeps four (the input for
    /// the cube, the tanh's output, and both factors of the last product).
    /// </summary>
    public static double ActivationKept(string activation) => activation is "gelu_new" or "gelu_pytorch_tanh" ? 4 : 1;

    /// <summary>What the layers' surroundings keep, in widths per token (BERT's embeddings, GPT-2's final LayerNorm input and
    /// the like; measured within a few percent of the whole on small models, see the tests).</summary>
    public const double EmbeddingWidths = 2;

    /// <summary>Layers whose kept values exist at the peak: all of them when the backward pass starts, plus the
    /// gradients of the layer it is working on (counted as one more layer's worth).</summary>
    public static int LayersAtPeak(int layers) => layers + 1;

    /// <summary>Values one layer keeps per token at a sequence length of <paramref name="seqLen"/>.</summary>
    public static double PerTokenAndLayer(ModelDimensions m, int seqLen, bool loraDropout)
    {
        var l = Layer(m, loraDropout);
        return l.Width * m.Hidden + l.Ffn * m.Intermediate + l.Maps * m.Heads * (double)seqLen;
    }

    /// <summary>Values kept per token over the whole model at the peak, at a sequence length of <paramref name="seqLen"/>.</summary>
    public static double PerToken(ModelDimensions m, int seqLen, bool loraDropout) =>
        LayersAtPeak(m.Layers) * PerTokenAndLayer(m, seqLen, loraDropout) + EmbeddingWidths * m.Hidden;
}
