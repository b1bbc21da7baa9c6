using Sweep.Training.Randomness;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>BERT with a dropout + linear classification head on the pooled output (HF names <c>bert.*</c>, <c>classifier.*</c>).</summary>
public sealed class BertForSequenceClassification : nn.Module<Tensor, Tensor, Tensor, Tensor>, ISequenceClassifier
{
#pragma warning disable IDE1006 // HF parameter names
    private readonly BertModel bert;
    private readonly Linear classifier;
#pragma warning restore IDE1006
    private readonly SeededDropout dropout;

    public BertConfig Config { get; }
    public BertModel Encoder => bert;

    public BertForSequenceClassification(BertConfig c) : base(nameof(BertForSequenceClassification))
    {
        Config = c;
        bert = new BertModel(c);
        dropout = new SeededDropout(c.HiddenDropoutProb);
        classifier = nn.Linear(c.HiddenSize, c.NumLabels);
        using (no_grad())
        {
            // HF initialises classifier weights N(0, 0.02²) and bias 0.
            nn.init.normal_(classifier.weight!, 0, 0.02);
            nn.init.zeros_(classifier.bias!);
        }
        RegisterComponents();
    }

    /// <summary>Parameter-name prefixes of the task head, trained in full.</summary>
    public IReadOnlyList<string> HeadPrefixes => ["classifier."];

    // (B, T) ×3 → logits (B, num_labels)
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        var (hidden, pooled) = bert.forward(inputIds, attentionMask, tokenTypeIds);
        hidden.Dispose();
        using (pooled) return classifier.forward(dropout.forward(pooled));
    }

    public Tensor Logits(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds) => forward(inputIds, attentionMask, tokenTypeIds);
}
