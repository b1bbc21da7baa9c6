using Sweep.Settings;

namespace Sweep.Analysis.Reports;

/// <summary>
/// A preset's method as it ran: its description, plus a note where the devices ran its 16-bit part in fp32 (a 16-bit
/// base or 16-bit compute falls back to fp32 on a CPU without bf16), read from the completed trials' recorded dtypes.
/// </summary>
public static class PrecisionAsRun
{
    public const string Fp32 = "fp32";

    /// <summary>The method of <paramref name="preset"/> on <paramref name="task"/> as its completed trials ran it.</summary>
    public static string Describe(Study.ResultTable table, string task, string preset) =>
        Describe(preset, table.Completed.Where(t => t.Task == task && t.Preset == preset));

    public static string Describe(string preset, IEnumerable<TrialRecord> completed)
    {
        var definition = Presets.Find(preset);
        var description = definition?.Description ?? "";
        Func<TrialRecord, string>? dtype = definition?.Precision switch
        {
            BasePrecision.Half16 => t => t.BaseDtype,
            BasePrecision.Mixed => t => t.ComputeDtype,
            _ => null,
        };
        if (dtype is null) return description;
        var known = completed.Where(t => dtype(t).Length > 0).ToList(); // older result files have no dtypes
        var fp32 = known.Count(t => dtype(t) == Fp32);
        if (fp32 == 0) return description;
        var part = definition!.Precision == BasePrecision.Mixed ? "compute" : "base";
        return fp32 == known.Count
            ? $"{description} (ran with an fp32 {part}: no 16-bit type on the device)"
            : $"{description} ({fp32} of {known.Count} trials ran with an fp32 {part})";
    }
}
