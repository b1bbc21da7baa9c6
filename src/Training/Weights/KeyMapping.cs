namespace Sweep.Training.Weights;

/// <summary>
/// How a checkpoint's keys relate to a model's state dict. The model uses Hugging Face names exactly; what varies
/// between checkpoints is captured here:
/// <list type="bullet">
/// <item><see cref="OptionalPrefixes"/>: prefixes a checkpoint may or may not carry (<c>bert.</c> for a bare BertModel
/// checkpoint, <c>transformer.</c> for GPT2Model) — matched both ways.</item>
/// <item><see cref="Ignored"/>: keys that are irrelevant on either side (pretraining heads, causal-mask buffers, position ids).</item>
/// <item><see cref="Transposed"/>: model keys whose stored tensor is the transpose (GPT-2 Conv1D weights stored <c>[in, out]</c>,
/// our Linear is <c>[out, in]</c>).</item>
/// <item><see cref="Tied"/>: model keys that share another key's tensor (<c>lm_head.weight</c> ← <c>transformer.wte.weight</c>);
/// filled from it when the checkpoint omits them.</item>
/// <item><see cref="MayBeMissing"/>: model keys a checkpoint need not have (a fresh classification head): reported as newly initialised.</item>
/// <item><see cref="SuffixRenames"/>: old parameter names (the original BERT checkpoints' <c>LayerNorm.gamma/beta</c>).</item>
/// </list>
/// </summary>
public sealed record KeyMapping
{
    public IReadOnlyList<string> OptionalPrefixes { get; init; } = [];

    public IReadOnlyList<KeyPattern> Ignored { get; init; } = [];

    public IReadOnlyList<KeyPattern> Transposed { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tied { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<KeyPattern> MayBeMissing { get; init; } = [];

    /// <summary>Old names for a key's last part, as <c>transformers</c> renames them on load (<c>LayerNorm.gamma</c> → <c>LayerNorm.weight</c>).</summary>
    public IReadOnlyDictionary<string, string> SuffixRenames { get; init; } = new Dictionary<string, string>();

    /// <summary>Names must match exactly; nothing is ignored, transposed or optional.</summary>
    public static KeyMapping Exact { get; } = new();

    /// <summary>BERT checkpoints (<c>BertModel</c>, <c>BertForPreTraining</c>, <c>BertForSequenceClassification</c>).</summary>
    public static KeyMapping Bert { get; } = new()
    {
        OptionalPrefixes = ["bert."],
        Ignored = Patterns("cls.predictions.*", "cls.seq_relationship.*", "*position_ids"),
        SuffixRenames = new Dictionary<string, string> { [".gamma"] = ".weight", [".beta"] = ".bias" },
    };

    /// <summary>GPT-2 checkpoints (<c>GPT2Model</c>, <c>GPT2LMHeadModel</c>), Conv1D weights transposed.</summary>
    public static KeyMapping Gpt2 { get; } = new()
    {
        OptionalPrefixes = ["transformer."],
        Ignored = Patterns("*.attn.bias", "*.attn.masked_bias", "*position_ids"),
        Transposed = Patterns("*.attn.c_attn.weight", "*.attn.c_proj.weight", "*.mlp.c_fc.weight", "*.mlp.c_proj.weight"),
        Tied = new Dictionary<string, string> { ["lm_head.weight"] = "transformer.wte.weight" },
    };

    /// <summary>This mapping, also allowing the given model keys (patterns) to be absent: they keep their fresh initialisation.</summary>
    public KeyMapping WithNewlyInitialised(params string[] patterns) =>
        this with { MayBeMissing = [.. MayBeMissing, .. Patterns(patterns)] };

    public bool IsIgnored(string key) => KeyPattern.Any(Ignored, key);

    public bool IsTransposed(string modelKey) => KeyPattern.Any(Transposed, modelKey);

    /// <summary>The model key a stored key stands for, trying it as is, with each optional prefix added, and removed.</summary>
    public string? ToModelKey(string storedKey, IReadOnlySet<string> modelKeys)
    {
        foreach (var (old, current) in SuffixRenames)
        {
            if (storedKey.EndsWith(old, StringComparison.Ordinal))
            {
                storedKey = storedKey[..^old.Length] + current;
                break;
            }
        }
        if (modelKeys.Contains(storedKey))
            return storedKey;
        foreach (var p in OptionalPrefixes)
        {
            if (modelKeys.Contains(p + storedKey))
                return p + storedKey;
            if (storedKey.StartsWith(p, StringComparison.Ordinal) && modelKeys.Contains(storedKey[p.Length..]))
                return storedKey[p.Length..];
        }
        return null;
    }

    private static KeyPattern[] Patterns(params string[] patterns) => patterns.Select(p => new KeyPattern(p)).ToArray();
}
