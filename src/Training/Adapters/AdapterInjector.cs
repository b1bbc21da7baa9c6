using Sweep.Training.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Adapters;

/// <summary>
/// Attaches adapters to the model's <see cref="TargetLinear"/> layers named by a plan, then freezes every
/// parameter except the adapters and the task head.
/// </summary>
public static class AdapterInjector
{
    /// <summary>All targetable linears of a model, by HF module path.</summary>
    public static IReadOnlyList<(string Path, TargetLinear Layer)> Linears(nn.Module model) =>
        model.named_modules().Where(m => m.module is TargetLinear).Select(m => (m.name, (TargetLinear)m.module)).ToList();

    /// <summary>Selects the layers the plan targets; an unknown target fails with the model's linear modules listed.</summary>
    public static IReadOnlyList<(string Path, TargetLinear Layer)> Select(nn.Module model, IReadOnlyList<string> targets)
    {
        var linears = Linears(model);
        foreach (var t in targets)
        {
            if (!linears.Any(l => ModuleKinds.Matches(l.Path, t)))
            {
                var names = linears.Select(l => LastTwo(l.Path)).Distinct();
                throw new InvalidInputException($"targets: no linear module matches '{t}'. The model's linear modules are: {string.Join(", ", names)} (or 'all-linear')");
            }
        }
        return linears.Where(l => targets.Any(t => ModuleKinds.Matches(l.Path, t))).ToList();
    }

    /// <summary>Attaches one adapter per targeted layer, made by <paramref name="create"/> (path, layer, rank).</summary>
    public static IReadOnlyList<(string Path, ILinearAdapter Adapter)> Attach(
        nn.Module model, AdapterPlan plan, Func<string, TargetLinear, int, ILinearAdapter> create)
    {
        var attached = new List<(string, ILinearAdapter)>();
        foreach (var (path, layer) in Select(model, plan.Targets))
        {
            var rank = plan.RankFor(path);
            if (rank <= 0) throw new InvalidInputException($"ranks: the rank for {path} must be > 0 (got {rank})");
            var adapter = create(path, layer, rank);
            layer.AttachAdapter(adapter);
            attached.Add((path, adapter));
        }
        return attached;
    }

    /// <summary>LoRA on every targeted layer.</summary>
    public static IReadOnlyList<(string Path, ILinearAdapter Adapter)> AttachLora(nn.Module model, AdapterPlan plan) =>
        Attach(model, plan, (_, layer, rank) =>
        {
            var a = new LoraAdapter(layer.InFeatures, layer.OutFeatures, rank, plan.Alpha, plan.Dropout);
            var device = layer.Weight?.device ?? layer.Bias?.device;
            if (device is not null) a.to(device);
            return a;
        });

    /// <summary>Only adapter parameters and parameters under the head prefixes stay trainable.</summary>
    public static void FreezeAllButAdaptersAnd(nn.Module model, IReadOnlyList<string> headPrefixes)
    {
        foreach (var (name, p) in model.named_parameters())
        {
            var trainable = name.Contains(".adapter.", StringComparison.Ordinal) || headPrefixes.Any(h => name.StartsWith(h, StringComparison.Ordinal));
            p.requires_grad = trainable;
        }
    }

    private static string LastTwo(string path)
    {
        var parts = path.Split('.');
        var tail = parts.Reverse().TakeWhile(p => !int.TryParse(p, out _)).Reverse().ToArray();
        return string.Join('.', tail.Length > 0 ? tail : parts[^1..]);
    }
}
