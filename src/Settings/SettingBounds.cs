namespace Sweep.Settings;

/// <summary>
/// A whole-number setting: its spec key, default (null = none: "unlimited" or "leave as is") and inclusive minimum.
/// The spec reader, the console options and the core all take the default and the bound from here.
/// </summary>
public sealed record IntBound(string Key, int? Default, int Min)
{
    /// <summary>The default of a setting that has one.</summary>
    public int Value => Default ?? throw new InvalidOperationException($"{Key} has no default");

    public bool Allows(int value) => value >= Min;
}

/// <summary>
/// A real-valued setting: its spec key, default, exclusive lower bound <see cref="Above"/>, optional exclusive upper
/// bound <see cref="Below"/>, and whether an exact 0 is allowed although <see cref="Above"/> is 0 (weight decay,
/// dropout: "none" is meaningful, a negative value is not).
/// </summary>
public sealed record RealBound(string Key, double? Default, double Above, double? Below = null, bool ZeroAllowed = false)
{
    /// <summary>Just below zero: an exclusive lower bound that admits 0 ("≥ 0").</summary>
    public const double NonNegative = -1e-300;

    public double Value => Default ?? throw new InvalidOperationException($"{Key} has no default");

    public bool Allows(double value) => (ZeroAllowed && value == 0) || (value > Above && (Below is not { } b || value < b));

    /// <summary>What is wrong with a value this bound refuses, e.g. <c>must be &gt; 0 (got -1)</c>.</summary>
    public string Describe(double value)
    {
        var low = Above == NonNegative || (ZeroAllowed && Above == 0) ? ">= 0" : $"> {Fmt(Above)}";
        var range = Below is { } b ? $"{low} and < {Fmt(b)}" : low;
        return $"must be {range} (got {Fmt(value)})";
    }

    private static string Fmt(double v) => v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}
