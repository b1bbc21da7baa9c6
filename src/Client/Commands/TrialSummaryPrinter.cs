using System.Globalization;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary>Prints a trial result as aligned "name value" lines.</summary>
public static class TrialSummaryPrinter
{
    public static void Print(TextWriter w, TrialResult r)
    {
        var m = r.Metrics;
        string F(double? v, string fmt = "F4") => v is double d ? d.ToString(fmt, CultureInfo.InvariantCulture) : "-";
        w.WriteLine($"state              {r.State}{(r.Error is null ? "" : $" ({r.Error})")}");
        w.WriteLine($"method             {r.Method}  device {r.Device}  base {r.BaseDtype}  compute {r.ComputeDtype}");
        if (m.Accuracy is not null)
        {
            w.WriteLine($"accuracy           {F(m.Accuracy)}");
            w.WriteLine($"f1 (positive)      {F(m.F1)}");
            w.WriteLine($"f1 (macro)         {F(m.F1Macro)}");
        }
        if (m.PerplexityBefore is not null) w.WriteLine($"perplexity before  {F(m.PerplexityBefore, "F2")} (un-adapted)");
        if (m.Perplexity is not null) w.WriteLine($"perplexity         {F(m.Perplexity, "F2")}");
        w.WriteLine($"eval loss          {F(m.EvalLoss)}");
        w.WriteLine($"trainable params   {m.TrainableParams:N0} of {m.TotalParams:N0} ({m.TrainablePercent:F3}%)");
        w.WriteLine($"peak memory        {m.PeakMemoryBytes / (1024.0 * 1024.0):F0} MiB (process peak RSS)");
        w.WriteLine($"train time         {m.TrainSeconds:F1} s, {m.Steps} steps, {m.SamplesPerSecond:F1} samples/s" +
            (m.TokensPerSecond is { } tps ? $", {tps:F0} tokens/s" : ""));
        if (m.StepsTo95 is int s95) w.WriteLine($"steps to 95%       {s95}");
    }
}
