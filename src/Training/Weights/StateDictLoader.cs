using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// Copies a checkpoint's tensors into a model's parameters and persistent buffers by Hugging Face name, under
/// no_grad, converting dtype and device to the model's. Every problem (missing keys, unexpected keys, wrong shapes)
/// is collected first and reported in one <see cref="InvalidInputException"/>; nothing is copied unless all is well.
/// </summary>
public static class StateDictLoader
{
    public static StateDictLoadReport Load(nn.Module model, IReadOnlyDictionary<string, Tensor> stored, string source, KeyMapping mapping)
    {
        var targets = model.state_dict();
        var modelKeys = targets.Keys.ToHashSet(StringComparer.Ordinal);

        var assignments = new Dictionary<string, (string StoredKey, Tensor Value)>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var ignored = new List<string>();
        var wrongShape = new List<string>();
        var duplicate = new List<string>();
        foreach (var (storedKey, value) in stored)
        {
            var modelKey = mapping.ToModelKey(storedKey, modelKeys);
            if (modelKey is null || mapping.IsIgnored(modelKey))
            {
                // A tied key (lm_head.weight) the model does not hold separately is the tensor it is tied to.
                var known = modelKey is not null || mapping.IsIgnored(storedKey) || mapping.Tied.ContainsKey(storedKey);
                (known ? ignored : unexpected).Add(storedKey);
                continue;
            }
            if (assignments.TryGetValue(modelKey, out var earlier))
            {
                duplicate.Add($"{modelKey} (from both {earlier.StoredKey} and {storedKey})");
                continue;
            }
            var transposed = mapping.IsTransposed(modelKey);
            if (transposed && value.dim() != 2)
            {
                wrongShape.Add($"{storedKey}: expected a 2-d Conv1D weight for {modelKey} {Shape(targets[modelKey])}, found {Shape(value)}");
                continue;
            }
            var oriented = transposed ? value.t() : value;
            if (!oriented.shape.SequenceEqual(targets[modelKey].shape))
            {
                var note = transposed ? " (Conv1D [in, out], transposed on load)" : "";
                wrongShape.Add($"{modelKey}: expected {Shape(targets[modelKey])}, found {Shape(value)} in {storedKey}{note}");
                continue;
            }
            assignments[modelKey] = (storedKey, oriented);
        }

        var tiedFilled = new List<string>();
        var fresh = new List<string>();
        var missing = new List<string>();
        foreach (var key in targets.Keys)
        {
            if (assignments.ContainsKey(key) || mapping.IsIgnored(key))
                continue;
            if (mapping.Tied.TryGetValue(key, out var tiedTo) && assignments.TryGetValue(tiedTo, out var tiedValue)
                && tiedValue.Value.shape.SequenceEqual(targets[key].shape))
                tiedFilled.Add(key);
            else if (KeyPattern.Any(mapping.MayBeMissing, key))
                fresh.Add(key);
            else
                missing.Add($"{key} {Shape(targets[key])}");
        }

        ThrowIfProblems(source, missing, unexpected, wrongShape, duplicate);

        using (no_grad())
        {
            foreach (var (key, (_, value)) in assignments)
                targets[key].copy_(value);
            foreach (var key in tiedFilled)
                targets[key].copy_(assignments[mapping.Tied[key]].Value);
        }
        return new StateDictLoadReport(assignments.Count, tiedFilled, fresh, ignored);
    }

    private static void ThrowIfProblems(string source, List<string> missing, List<string> unexpected,
        List<string> wrongShape, List<string> duplicate)
    {
        if (missing.Count + unexpected.Count + wrongShape.Count + duplicate.Count == 0)
            return;
        var lines = new List<string> { $"{source}: the checkpoint does not fit the model:" };
        void Section(string title, List<string> items)
        {
            if (items.Count == 0)
                return;
            lines.Add($"  {title} ({items.Count}):");
            lines.AddRange(items.Order(StringComparer.Ordinal).Select(i => "    " + i));
        }
        Section("missing from the checkpoint", missing);
        Section("unexpected in the checkpoint", unexpected);
        Section("wrong shape", wrongShape);
        Section("stored twice", duplicate);
        throw new InvalidInputException(string.Join(Environment.NewLine, lines));
    }

    internal static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
