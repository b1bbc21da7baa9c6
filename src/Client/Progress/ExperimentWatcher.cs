using Sweep.ResultFiles;
using System.Globalization;
using Spectre.Console;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Progress;

/// <summary>
/// Follows an experiment until it finishes: on a terminal, a live progress bar per running trial (step, loss,
/// samples/s) under an overall bar with ETA; otherwise one line per change. Redraws when the experiment says something
/// changed (<see cref="ChangeSignal"/>), and at least every <paramref name="fallbackInterval"/>. Cancelling <c>ct</c>
/// stops watching only.
/// </summary>
public sealed class ExperimentWatcher(IAnsiConsole console, IGrainFactory factory, TimeSpan fallbackInterval)
{
    /// <summary>Sweeps larger than this show only the overall bar and the running trials' bars are not kept after they end.</summary>
    private const int MaxTrialBars = 60;

    public async Task<ExperimentStatus> WatchAsync(IExperimentGrain grain, CancellationToken ct)
    {
        await using var signal = await ChangeSignal.SubscribeAsync(factory, grain);
        if (!console.Profile.Capabilities.Interactive) return await WatchPlainAsync(grain, signal, ct);
        ExperimentStatus status = await grain.GetStatus();
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var overall = ctx.AddTask("overall", maxValue: Math.Max(1, status.Total));
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var looks = LooksTaken(status);
                var baseBars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                while (true)
                {
                    UpdateBaseBars(ctx, baseBars, status);
                    overall.Value = status.Finished;
                    overall.MaxValue = Math.Max(1, status.Total); // seeds on demand adds trials look by look
                    overall.Description = Markup.Escape($"overall  {status.Finished}/{status.Total} finished, {status.Count(TrialState.Running)} running, {status.Count(TrialState.Failed)} failed" +
                        (status.Sequential is { } seq ? $"; look {seq.CurrentLook}/{seq.Looks}" : ""));
                    WriteLooks(status, ref looks, console.WriteLine);
                    if (status.Total <= MaxTrialBars) UpdateBars(ctx, bars, status);
                    if (status.IsFinished) { overall.StopTask(); break; }
                    await signal.WaitAsync(fallbackInterval, ct);
                    status = await grain.GetStatus();
                }
            });
        return status;
    }

    private static void UpdateBaseBars(ProgressContext ctx, Dictionary<string, ProgressTask> bars, ExperimentStatus status)
    {
        foreach (var b in status.Bases)
        {
            if (!bars.TryGetValue(b.Hash, out var bar))
                bars[b.Hash] = bar = ctx.AddTask(Markup.Escape($"base {b.Hash}"), maxValue: Math.Max(1, b.Provenance?.Recipe.Steps ?? b.Progress?.TotalSteps ?? 1));
            bar.Description = Markup.Escape(Shorten(BaseStageText.Line(b), 160));
            if (b.Progress is { } p) { bar.MaxValue = Math.Max(1, p.TotalSteps); bar.Value = p.Step; }
            if (b.State is BaseState.Ready or BaseState.Failed && !bar.IsFinished) { bar.Value = bar.MaxValue; bar.StopTask(); }
        }
    }

    private static void UpdateBars(ProgressContext ctx, Dictionary<string, ProgressTask> bars, ExperimentStatus status)
    {
        foreach (var t in status.Trials)
        {
            if (!bars.TryGetValue(t.Id, out var bar))
            {
                if (t.State != TrialState.Running || t.Progress is null) continue;
                bars[t.Id] = bar = ctx.AddTask(Markup.Escape(t.Id), maxValue: Math.Max(1, t.Progress.TotalSteps));
            }
            if (t.State.IsFinished())
            {
                if (bar.IsFinished) continue;
                bar.Description = Markup.Escape($"{t.Id}  {t.State}{(t.Error is null ? "" : ": " + Shorten(t.Error))}");
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
            else if (t.Progress is { } p)
            {
                bar.MaxValue = Math.Max(1, p.TotalSteps);
                bar.Value = p.Step;
                bar.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Id}  step {p.Step}/{p.TotalSteps}  loss {p.Loss:0.0000}  {p.SamplesPerSecond:0.0} samples/s  attempt {p.Attempt}"));
            }
        }
    }

    /// <summary>Looks taken over all comparisons: when it grows, a look was decided.</summary>
    private static int LooksTaken(ExperimentStatus s) => s.Sequential?.Comparisons.Sum(c => c.History.Count) ?? 0;

    /// <summary>Prints each comparison's state once per decided look (seeds on demand).</summary>
    private static void WriteLooks(ExperimentStatus status, ref int seen, Action<string> write)
    {
        if (status.Sequential is not { } seq || LooksTaken(status) is var taken && taken == seen) return;
        seen = taken;
        write(SequentialText.Overview(seq));
        foreach (var c in seq.Comparisons) write("  " + SequentialText.Comparison(seq, c));
    }

    private async Task<ExperimentStatus> WatchPlainAsync(IExperimentGrain grain, ChangeSignal signal, CancellationToken ct)
    {
        var last = "";
        var looks = 0;
        var lastBases = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var status = await grain.GetStatus();
            WriteLooks(status, ref looks, l => console.WriteLine(l));
            foreach (var b in status.Bases)
            {
                // one line per change of stage, and per tenth of the pretraining steps
                var p = b.Progress;
                var key = b.State + (p is null ? "" : "/" + (p.Step * 10 / Math.Max(1, p.TotalSteps)));
                if (lastBases.GetValueOrDefault(b.Hash) == key) continue;
                lastBases[b.Hash] = key;
                console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {status.Id}: {BaseStageText.Line(b)}");
            }
            var line = $"{status.Finished}/{status.Total} finished, {status.Count(TrialState.Running)} running, " +
                $"{status.Count(TrialState.Completed)} completed, {status.Count(TrialState.Failed)} failed";
            if (line != last) console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {status.Id}: {line}");
            last = line;
            if (status.IsFinished) return status;
            await signal.WaitAsync(fallbackInterval, ct);
        }
    }

    private static string Shorten(string s, int max = 80) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
