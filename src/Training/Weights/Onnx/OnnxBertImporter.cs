using static TorchSharp.torch;

namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// Imports the weights of a BERT-family encoder exported to ONNX (as by HF/optimum, e.g. all-MiniLM-L6-v2) into a
/// Hugging Face state dict without the <c>bert.</c> prefix (<c>embeddings.*</c>, <c>encoder.layer.{i}.*</c>,
/// <c>pooler.dense.*</c>); <see cref="KeyMapping.Bert"/> adds the prefix on load.
/// Biases, LayerNorms, embeddings and the pooler keep their names in the export. Each Linear weight is an unnamed
/// initializer B of <c>MatMul(x, B)</c> stored <c>[in, out]</c>: it is named by following the MatMul's output to the
/// Add whose other input is a named bias (<c>….query.bias</c> → <c>….query.weight</c>) and transposed to
/// <c>[out, in]</c>. A Gemm with <c>transB=1</c> (the pooler) already holds <c>[out, in]</c>.
/// Every initializer is accounted for: a weight, a named tensor, or a graph constant (int64 shapes, position ids).
/// </summary>
public static class OnnxBertImporter
{
    private static readonly string[] BertRoots = ["embeddings.", "encoder.layer.", "pooler."];

    /// <summary>Imports all-MiniLM-L6-v2 from its package, reading the ONNX file where the assembly is mapped; the state
    /// dict's tensors are copies, so the file's pages are handed back when the import ends.</summary>
    public static OnnxImport ImportMiniLm()
    {
        using var onnx = MiniLmResources.MapOnnx();
        return Import(onnx.Bytes, MiniLmResources.Source);
    }

    public static OnnxImport Import(ReadOnlyMemory<byte> onnx, string source)
    {
        var graph = OnnxModelReader.ReadGraph(onnx, source);
        var inits = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        foreach (var i in graph.Initializers)
            inits[i.Name] = i;
        var consumers = graph.Nodes
            .SelectMany(n => n.Inputs.Select(input => (input, n)))
            .ToLookup(x => x.input, x => x.n, StringComparer.Ordinal);

        var stateDict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var use = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var mm in graph.Nodes.Where(n => n.OpType is "MatMul" && n.Inputs.Count == 2))
        {
            if (!inits.TryGetValue(mm.Inputs[1], out var w) || IsBertName(w.Name))
                continue; // activation × activation (attention scores), or a weight that is already named
            var bias = consumers[mm.Outputs[0]]
                .Where(n => n.OpType == "Add")
                .SelectMany(n => n.Inputs)
                .FirstOrDefault(i => i != mm.Outputs[0] && inits.ContainsKey(i) && i.EndsWith(".bias", StringComparison.Ordinal));
            if (bias is null)
            {
                problems.Add($"MatMul {mm.Name}: weight {w.Name} [{string.Join(", ", w.Dims)}] is not followed by an Add with a named bias");
                continue;
            }
            var name = bias[..^".bias".Length] + ".weight";
            if (w.Dims.Length != 2 || stateDict.ContainsKey(name))
            {
                problems.Add($"MatMul {mm.Name}: weight {w.Name} cannot be {name} (2-d and unique expected)");
                continue;
            }
            using (var stored = OnnxTensor.ToTensor(w, source))
                stateDict[name] = stored.t().contiguous(); // [in, out] → [out, in]
            use[w.Name] = $"MatMul weight → {name} (transposed)";
        }

        foreach (var gemm in graph.Nodes.Where(n => n.OpType == "Gemm" && n.Inputs.Count >= 2))
        {
            if (!inits.TryGetValue(gemm.Inputs[1], out var w) || !IsBertName(w.Name))
                continue;
            var transB = gemm.IntAttributes.GetValueOrDefault("transB", 0);
            var t = OnnxTensor.ToTensor(w, source);
            stateDict[w.Name] = transB == 1 ? t : t.t().contiguous(); // Gemm computes x·Bᵀ when transB = 1
            use[w.Name] = transB == 1 ? "Gemm weight (transB=1, already [out, in])" : "Gemm weight (transposed)";
        }

        foreach (var init in graph.Initializers)
        {
            if (use.ContainsKey(init.Name))
                continue;
            if (init.Name.EndsWith("position_ids", StringComparison.Ordinal))
                use[init.Name] = "position ids (a constant buffer, not a weight)";
            else if (IsBertName(init.Name) && init.DataType is OnnxTensor.Float or OnnxTensor.Float16 or OnnxTensor.BFloat16)
            {
                stateDict[init.Name] = OnnxTensor.ToTensor(init, source);
                use[init.Name] = "named tensor";
            }
            else if (init.DataType is OnnxTensor.Int64 or OnnxTensor.Int32 && init.Dims.Aggregate(1L, (a, d) => a * d) <= 16)
                use[init.Name] = "graph constant (shape or index)";
            else
                problems.Add($"initializer {init.Name} [{string.Join(", ", init.Dims)}] (type {init.DataType}) is not accounted for");
        }

        foreach (var bias in stateDict.Keys.Where(k => k.EndsWith(".bias", StringComparison.Ordinal) && !k.Contains("LayerNorm", StringComparison.Ordinal)).ToList())
        {
            var weight = bias[..^".bias".Length] + ".weight";
            if (!stateDict.ContainsKey(weight))
                problems.Add($"no weight found for {bias}");
        }

        if (problems.Count > 0)
            throw new InvalidInputException($"{source}: cannot import the ONNX graph as a BERT encoder:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", problems));
        return new OnnxImport(stateDict, use);
    }

    private static bool IsBertName(string name) => BertRoots.Any(r => name.StartsWith(r, StringComparison.Ordinal));
}
