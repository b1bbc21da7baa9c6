using Sweep.Grains.Interfaces;
using Sweep.Settings;
using Sweep.Training.Peft;

namespace Sweep.Client.Adapters;

/// <summary>
/// Downloads an experiment's adapters (<c>--adapters DIR</c>): one PEFT adapter directory per completed trial, named
/// <c>TASK_PRESET_rRANK_sSEED</c> (no rank for AdaLoRA presets: theirs is not swept) so that a person finds a trial by what it ran (<c>PeftModel.from_pretrained</c> reads each).
/// </summary>
public static class AdapterExport
{
    /// <summary>The folder of one trial: task, preset, rank (when the trial has one) and seed, with unsafe characters replaced.</summary>
    public static string FolderName(TrialOutcome trial)
    {
        var name = $"{trial.Task}_{trial.Preset}" + (trial.Rank is { } r ? $"_r{r}" : "") + $"_s{trial.Seed}";
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
    }

    /// <returns>how many adapters were written and notes on completed trials that had none.</returns>
    public static async Task<(int Written, IReadOnlyList<string> Notes)> WriteAsync(IClusterClient client, string experimentId,
        IReadOnlyList<TrialOutcome> trials, string directory)
    {
        var reader = client.GetGrain<IAdapterGrain>(experimentId);
        var notes = new List<string>();
        var written = 0;
        foreach (var trial in trials.Where(t => t.State == TrialState.Completed))
        {
            if (await reader.Get(trial.Id) is not { } adapter)
            {
                notes.Add($"{trial.Id}: no adapter stored (trained by a simulated executor, or its artifacts were removed)");
                continue;
            }
            new PeftAdapterFiles(adapter.Model, adapter.Config).WriteTo(Path.Combine(directory, FolderName(trial)));
            written++;
        }
        return (written, notes);
    }
}
