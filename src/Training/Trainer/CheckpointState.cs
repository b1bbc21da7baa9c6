using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>Moves the loop's state into and out of a <see cref="TrainingCheckpoint"/>.</summary>
internal static class CheckpointState
{
    private const string ParamPrefix = "param.";
    private const string MomentPrefix = "adam.m.";
    private const string VariancePrefix = "adam.v.";
    private const string HookPrefix = "hook.";

    public static TrainingCheckpoint Capture(int step, int seed, List<double[]> lossCurve, List<double[]> evals, double seconds,
        IReadOnlyList<(string name, Parameter parameter)> trainable, AdamW optimizer, ITrainingHooks hooks)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, p) in trainable) tensors[ParamPrefix + name] = p;
        foreach (var (name, (m, v)) in optimizer.State.Moments)
        {
            tensors[MomentPrefix + name] = m;
            tensors[VariancePrefix + name] = v;
        }
        foreach (var (name, t) in hooks.State()) tensors[HookPrefix + name] = t;
        return new TrainingCheckpoint
        {
            Step = step, Seed = seed, LossCurve = [.. lossCurve], EvalHistory = [.. evals], TrainSeconds = seconds, Tensors = tensors,
        };
    }

    public static void Restore(TrainingCheckpoint ckpt, IReadOnlyList<(string name, Parameter parameter)> trainable, AdamW optimizer, ITrainingHooks hooks)
    {
        using (no_grad())
        {
            foreach (var (name, p) in trainable)
            {
                if (!ckpt.Tensors.TryGetValue(ParamPrefix + name, out var saved))
                    throw new InvalidInputException($"checkpoint: has no value for trainable parameter {name}");
                p.copy_(saved);
            }
        }
        var moments = new Dictionary<string, (Tensor, Tensor)>();
        foreach (var (key, m) in ckpt.Tensors.Where(t => t.Key.StartsWith(MomentPrefix, StringComparison.Ordinal)))
        {
            var name = key[MomentPrefix.Length..];
            moments[name] = (m, ckpt.Tensors[VariancePrefix + name]);
        }
        optimizer.Restore(ckpt.Step, moments);
        hooks.Restore(ckpt.Tensors.Where(t => t.Key.StartsWith(HookPrefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[HookPrefix.Length..], t => t.Value));
    }
}
