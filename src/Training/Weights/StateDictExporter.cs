using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The inverse of <see cref="StateDictLoader"/>: a model's state dict in Hugging Face layout, ready for
/// <see cref="HfCheckpoint.Write"/>. Tensors are detached CPU copies; Conv1D weights go back to <c>[in, out]</c>;
/// a key tied to another (<c>lm_head.weight</c>) is left out, as HF checkpoints do.
/// </summary>
public static class StateDictExporter
{
    public static Dictionary<string, Tensor> Export(nn.Module model, KeyMapping mapping)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var state = model.state_dict();
        foreach (var (key, value) in state)
        {
            if (mapping.IsIgnored(key) || (mapping.Tied.TryGetValue(key, out var tiedTo) && state.ContainsKey(tiedTo)))
                continue;
            var t = value.detach().cpu();
            result[key] = (mapping.IsTransposed(key) ? t.t() : t).contiguous().clone();
        }
        return result;
    }
}
