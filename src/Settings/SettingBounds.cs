namespace Sweep.Settings;

/// <summary>
/// A whole-number setting: its spec key, default (null = none: "unlimited" or "leave as is"), inclusive minimum and
/// optional inclusive maximum (a value above it parses but cannot run: it would exhaust memory or never finish).
/// The spec reader, the console options and the core all take the default and the bounds from here.
/// </summary>
public sealed record IntBound(string Key, int? Default, int Min, int? Max = null)
{
    /// <summary>The default of a setting that has one.</summary>
    public int Value => Default ?? throw new InvalidOperationException($"{Key} has no default");

    public bool Allows(int value) => value >= Min && (Max is not { } max || value <= max);

    /// <summary>What is wrong with a value this bound refuses, e.g. <c>must be &gt; 0 (got -1)</c>, <c>must be &lt;= 4096 (got 100000)</c>.</summary>
    public string Describe(int value) =>
        value < Min ? (Min == 1 ? $"must be > 0 (got {value})" : $"must be >= {Min} (got {value})")
        : $"must be <= {Max} (got {value})";
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

/// <summary>A yes/no setting: its spec key and default. The spec reader takes <c>true</c> or <c>false</c> only.</summary>
public sealed record BoolField(string Key, bool Default);
