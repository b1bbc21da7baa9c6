using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>
/// The reference workload of the core benchmark: the matrix products of a frozen-base LoRA step on a BERT-base-shaped
/// stack as bare <c>mm</c>/<c>bmm</c> calls — per layer and pass (forward, input gradient) four C×C products, the
/// up- and down-projections, and attention's two batched products.
/// </summary>
public sealed class MatmulChain : IDisposable
{
    private readonly int _layers;
    private readonly Tensor _x, _h, _wC, _wUp, _wDown, _q;

    public MatmulChain(int layers, int batch, int seqLen, int hidden, int ffn, int heads)
    {
        _layers = layers;
        var tokens = (long)batch * seqLen;
        _x = randn(tokens, hidden);
        _h = randn(tokens, ffn);
        _wC = randn(hidden, hidden);
        _wUp = randn(hidden, ffn);
        _wDown = randn(ffn, hidden);
        _q = randn(batch * heads, seqLen, hidden / heads);
    }

    public void Run()
    {
        using var scope = NewDisposeScope();
        for (var l = 0; l < _layers; l++)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < 4; i++) _x.mm(_wC);
                _x.mm(_wUp);
                _h.mm(_wDown);
                _q.bmm(_q.transpose(1, 2)).bmm(_q);
            }
        }
    }

    public void Dispose()
    {
        foreach (var t in new[] { _x, _h, _wC, _wUp, _wDown, _q }) t.Dispose();
    }
}
