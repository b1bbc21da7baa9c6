using static TorchSharp.torch;

namespace Sweep.Training.Tests.Weights;

/// <summary>
/// A plain functional BERT encoder over an HF state dict (no <c>bert.</c> prefix), written from the BERT paper /
/// HF BertModel equations, fp32, eval mode. Test-only: it checks the imported weights against ONNX Runtime
/// independently of the production model classes.
/// </summary>
internal static class ReferenceBertForward
{
    public static Tensor LastHiddenState(IReadOnlyDictionary<string, Tensor> w, Tensor inputIds, Tensor attentionMask,
        Tensor tokenTypeIds, int layers, int heads, double eps)
    {
        var (b, t) = (inputIds.shape[0], inputIds.shape[1]);
        var positions = arange(t, dtype: ScalarType.Int64).unsqueeze(0).expand(b, t);
        var x = w["embeddings.word_embeddings.weight"][inputIds]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][tokenTypeIds]; // (B, T, C)
        x = LayerNorm(x, w, "embeddings.LayerNorm", eps);
        var c = x.shape[2];
        var d = c / heads;
        // (B, 1, 1, T): 0 where attended, a large negative number where padded
        var bias = (1 - attentionMask.to(ScalarType.Float32)).reshape(b, 1, 1, t) * float.MinValue;
        for (var i = 0; i < layers; i++)
        {
            var p = $"encoder.layer.{i}.";
            Tensor Heads(Tensor y) => y.reshape(b, t, heads, d).transpose(1, 2); // (B, H, T, D)
            var q = Heads(Linear(x, w, p + "attention.self.query"));
            var k = Heads(Linear(x, w, p + "attention.self.key"));
            var v = Heads(Linear(x, w, p + "attention.self.value"));
            var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(d) + bias; // (B, H, T, T)
            var context = scores.softmax(-1).matmul(v).transpose(1, 2).reshape(b, t, c); // (B, T, C)
            var attended = LayerNorm(Linear(context, w, p + "attention.output.dense") + x, w, p + "attention.output.LayerNorm", eps);
            var hidden = nn.functional.gelu(Linear(attended, w, p + "intermediate.dense")); // (B, T, 4C), erf GELU
            x = LayerNorm(Linear(hidden, w, p + "output.dense") + attended, w, p + "output.LayerNorm", eps);
        }
        return x;
    }

    private static Tensor Linear(Tensor x, IReadOnlyDictionary<string, Tensor> w, string name) =>
        nn.functional.linear(x, w[name + ".weight"], w[name + ".bias"]);

    private static Tensor LayerNorm(Tensor x, IReadOnlyDictionary<string, Tensor> w, string name, double eps) =>
        nn.functional.layer_norm(x, [x.shape[^1]], w[name + ".weight"], w[name + ".bias"], eps);
}
