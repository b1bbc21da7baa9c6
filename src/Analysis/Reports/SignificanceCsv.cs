using System.Globalization;
using System.Text;
using Sweep.Analysis.Io;

namespace Sweep.Analysis.Reports;

/// <summary>
/// significance.csv: every comparison of the analysis (all tests of every compared metric, per-seed per-example tests
/// included), one row each, with the contract's comparison fields as columns plus <c>seed</c> and <c>note</c>.
/// A missing number is an empty cell.
/// </summary>
public static class SignificanceCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["task", "metric", "a", "b", "test", "seed", "n", "statistic", "p", "p_holm", "effect", "effect_size", "diff", "ci_low", "ci_high", "note"];

    public static string Render(IReadOnlyList<Comparison> comparisons)
    {
        var sb = new StringBuilder();
        sb.Append(CsvText.Row(Columns)).Append("\r\n");
        foreach (var c in comparisons)
            sb.Append(CsvText.Row([
                c.Task, c.Metric, c.A, c.B, c.Test, c.Seed?.ToString(CultureInfo.InvariantCulture) ?? "", c.N.ToString(CultureInfo.InvariantCulture),
                Num(c.Statistic), Num(c.P), Num(c.PHolm), c.Effect, Num(c.EffectSize), Num(c.Diff), Num(c.CiLow), Num(c.CiHigh), c.Note ?? "",
            ])).Append("\r\n");
        return sb.ToString();
    }

    private static string Num(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
