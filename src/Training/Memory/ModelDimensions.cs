using Sweep.Training.Models;

namespace Sweep.Training.Memory;

/// <summary>
/// The sizes of a transformer that decide its memory, for BERT-family encoders and GPT-2 decoders alike: vocabulary,
/// width, depth, heads, feed-forward width, positions, and the activation function (what it keeps for the backward pass
/// differs). Parameter counts follow the built models (biases and norms included).
/// </summary>
public sealed record ModelDimensions(bool IsGpt2, int Vocab, int Hidden, int Layers, int Heads, int Intermediate, int Positions, int TypeVocab,
    string Activation = "gelu")
{
    public static ModelDimensions Of(BertConfig c) =>
        new(false, c.VocabSize, c.HiddenSize, c.NumHiddenLayers, c.NumAttentionHeads, c.IntermediateSize, c.MaxPositionEmbeddings, c.TypeVocabSize, c.HiddenAct);

    public static ModelDimensions Of(Gpt2Config c) => new(true, c.VocabSize, c.NEmbd, c.NLayer, c.NHead, c.Inner, c.NPositions, 0, c.ActivationFunction);

    /// <summary>Every parameter: embeddings, layers, BERT's pooler and 2-class head (GPT-2's head is tied to its embeddings).</summary>
    public long TotalParameters
    {
        get
        {
            long h = Hidden, i = Intermediate;
            var embeddings = ((long)Vocab + Positions + TypeVocab) * h + (IsGpt2 ? 0 : 2 * h); // BERT normalises its embeddings
            var layer = 4 * (h * h + h) + 2 * h * i + i + h + 4 * h;
            var top = IsGpt2 ? 2 * h : (h * h + h) + (2 * h + 2);
            return embeddings + Layers * layer + top;
        }
    }

    /// <summary>The weights of the "all-linear" adapter targets: the layers' linears, plus BERT's pooler.</summary>
    public long TargetWeights => Layers * (4L * Hidden * Hidden + 2L * Hidden * Intermediate) + (IsGpt2 ? 0 : (long)Hidden * Hidden);

    /// <summary>Σ (in + out) over the targets, by kind: an adapter of rank r on a linear adds r × (in + out) parameters.
    /// BERT: q, k, v, o (each width → width), the FFN pair and the pooler; GPT-2: the fused c_attn (width → 3 widths),
    /// c_proj and the FFN pair.</summary>
    public (long Attention, long FeedForward, long Other) TargetSides =>
        (Layers * (IsGpt2 ? 6L * Hidden : 8L * Hidden), Layers * 2L * (Hidden + Intermediate), IsGpt2 ? 0 : 2L * Hidden);

    /// <summary>Adapted linears: BERT's six a layer and its pooler, GPT-2's four a layer.</summary>
    public int TargetCount => Layers * (IsGpt2 ? 4 : 6) + (IsGpt2 ? 0 : 1);
}
