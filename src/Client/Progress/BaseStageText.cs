using System.Globalization;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Progress;

/// <summary>One line per pretrained base of an experiment: its stage (pending, pretraining step/steps, ready, reused,
/// failed) and, once ready, its provenance.</summary>
public static class BaseStageText
{
    public static string Line(BaseView b)
    {
        var tasks = string.Join(", ", b.Tasks);
        var head = $"base {b.Hash} (tasks {tasks})";
        return b.State switch
        {
            BaseState.Ready when b.Provenance is { } p => string.Create(CultureInfo.InvariantCulture,
                $"{head}: {(b.Reused ? "reused from the artifact store, pretrained" : "pretrained")} by {p.PretrainedBy} on {p.Recipe.Data}, " +
                $"{p.Steps} steps in {p.TrainSeconds:0} s, held-out perplexity {p.Perplexity:0.00}; stored at {p.ArtifactPrefix}"),
            BaseState.Pretraining when b.Progress is { } q => string.Create(CultureInfo.InvariantCulture,
                $"{head}: pretraining, step {q.Step}/{q.TotalSteps}, loss {q.Loss:0.0000}, attempt {q.Attempt}, on {q.Silo}"),
            BaseState.Failed => $"{head}: pretraining failed: {b.Error}",
            _ => $"{head}: {b.State.ToString().ToLowerInvariant()}",
        };
    }
}
