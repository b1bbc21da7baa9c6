using Sweep.ResultFiles;
using System.Globalization;
using Spectre.Console;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Progress;

/// <summary>The <c>status</c> view: one row per listed trial (every trial of a small sweep).</summary>
public static class StatusTable
{
    public static void Write(IAnsiConsole console, ExperimentStatus s)
    {
        console.WriteLine(Markup.Escape($"{s.Id} ({s.Name}): {s.State}, {s.Finished}/{s.Total} finished"));
        if (s.IsAbridged)
            console.WriteLine(Markup.Escape($"{s.Total} trials: {string.Join(", ", s.StateCounts!.OrderBy(kv => kv.Key).Select(kv => $"{kv.Value} {kv.Key}"))}; " +
                $"listing the {s.Trials.Count} running or unsuccessful one(s)"));
        if (s.Sequential is { } seq)
        {
            console.WriteLine(Markup.Escape(SequentialText.Overview(seq)));
            foreach (var c in seq.Comparisons) console.WriteLine(Markup.Escape("  " + SequentialText.Comparison(seq, c)));
        }
        foreach (var b in s.Bases) console.WriteLine(Markup.Escape(BaseStageText.Line(b)));
        var table = new Table().AddColumns("trial", "state", "attempts", "silo", "step", "loss", "error");
        foreach (var t in s.Trials)
            table.AddRow(
                Markup.Escape(t.Id), t.State.ToString(), t.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.Silo),
                t.Progress is { } p ? $"{p.Step}/{p.TotalSteps}" : "",
                t.Progress is { } q ? q.Loss.ToString("0.0000", CultureInfo.InvariantCulture) : "",
                Markup.Escape(t.Error ?? ""));
        console.Write(table);
    }
}
