using Sweep.Training.Adapters;
using Sweep.Training.Adapters.AdaLora;
using Sweep.Training.Trials;
using Sweep.Training.Weights;
using static TorchSharp.torch;

namespace Sweep.Training.Peft;

/// <summary>
/// A trained model's adapter as PEFT's <c>save_pretrained</c> would write it (<see cref="PeftNames"/> for the keys):
/// LoRA A <c>[r, in]</c> and B <c>[out, r]</c>; AdaLoRA cut to its final rank pattern as PEFT's
/// <c>resize_state_dict_by_rank_pattern</c> does — A and Λ keep the kept rows (<c>[k, in]</c>, <c>[k, 1]</c>), B the kept
/// columns (<c>[out, k]</c>); the classification head in full. PEFT keeps only <c>lora_</c> keys, so AdaLoRA's
/// <c>ranknum</c> is not in the file: a loader takes it from <c>init_r</c>. Tensors keep their dtype (fp32 adapters);
/// the safetensors metadata is <c>{"format": "pt"}</c>, as PEFT writes.
/// </summary>
public static class PeftExporter
{
    private static readonly Dictionary<string, string> Metadata = new() { ["format"] = "pt" };

    public static PeftAdapterFiles Export(PreparedTrial trial, PeftExportInfo info) =>
        new(WithTensors(trial, t => SafetensorsFile.ToBytes(t, Metadata)), PeftConfigJson.For(trial, info));

    /// <summary>The saved keys and shapes (what a test or a reader checks), without writing the file.</summary>
    public static IReadOnlyDictionary<string, long[]> Shapes(PreparedTrial trial) =>
        WithTensors(trial, t => t.ToDictionary(kv => kv.Key, kv => kv.Value.shape));

    private static T WithTensors<T>(PreparedTrial trial, Func<IReadOnlyDictionary<string, Tensor>, T> use)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using (NewDisposeScope()) // intermediate tensors (index_select, cpu copies) go with it; the kept copies are detached from it
            using (no_grad())
            {
                foreach (var (path, adapter) in trial.Adapters) AddAdapter(tensors, path, adapter);
                var head = trial.Model.Classifier?.HeadPrefixes ?? [];
                foreach (var (name, p) in trial.Model.Module.named_parameters())
                    if (head.Any(h => name.StartsWith(h, StringComparison.Ordinal))) tensors[PeftNames.Saved(name)] = Copy(p);
            }
            return use(tensors);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static void AddAdapter(Dictionary<string, Tensor> into, string path, ILinearAdapter adapter)
    {
        switch (adapter)
        {
            case LoraAdapter lora:
                into[PeftNames.LoraA(path)] = Copy(lora.A); // (r, in)
                into[PeftNames.LoraB(path)] = Copy(lora.B); // (out, r)
                break;
            case AdaLoraAdapter ada:
                var kept = ada.RankPattern.Select((k, i) => (k, i)).Where(x => x.k).Select(x => (long)x.i).ToArray();
                using (var index = tensor(kept, dtype: ScalarType.Int64, device: ada.A.device))
                {
                    into[PeftNames.AdaA(path)] = Copy(ada.A.index_select(0, index)); // (k, in)
                    into[PeftNames.AdaE(path)] = Copy(ada.E.index_select(0, index)); // (k, 1)
                    into[PeftNames.AdaB(path)] = Copy(ada.B.index_select(1, index)); // (out, k)
                }
                break;
            default:
                throw new InvalidOperationException($"{path}: no PEFT form for adapter kind {adapter.Kind}");
        }
    }

    private static Tensor Copy(Tensor t) => t.detach().cpu().contiguous().clone().DetachFromDisposeScope();
}
