namespace Sweep.Settings;

/// <summary>Which way a metric is better, so tests, claims, tables and figures read every metric the same way.</summary>
public enum MetricDirection
{
    /// <summary>No better side (a count that describes the configuration, e.g. total parameters or steps).</summary>
    None,
    HigherIsBetter,
    LowerIsBetter,
}

public static class MetricDirections
{
    public static MetricDirection Of(string metric) => metric switch
    {
        MetricNames.Accuracy or MetricNames.F1 or MetricNames.F1Macro
            or MetricNames.SamplesPerSecond or MetricNames.TokensPerSecond => MetricDirection.HigherIsBetter,
        MetricNames.Perplexity or MetricNames.PerplexityBefore or MetricNames.EvalLoss or MetricNames.PeakMemoryBytes or MetricNames.TrainSeconds
            or MetricNames.TrainableParams or MetricNames.TrainablePercent or MetricNames.StepsTo95 => MetricDirection.LowerIsBetter,
        _ => MetricDirection.None,
    };

    /// <summary>+1 when higher is better, −1 when lower is better, 0 when neither: multiply a difference B − A by it
    /// and a positive result means B is better.</summary>
    public static int Sign(string metric) => Of(metric) switch
    {
        MetricDirection.HigherIsBetter => 1,
        MetricDirection.LowerIsBetter => -1,
        _ => 0,
    };

    /// <summary>An arrow for table headers and axis labels: ↑ higher is better, ↓ lower is better, nothing otherwise.</summary>
    public static string Arrow(string metric) => Of(metric) switch
    {
        MetricDirection.HigherIsBetter => "↑",
        MetricDirection.LowerIsBetter => "↓",
        _ => "",
    };
}
