using System.Globalization;

namespace Sweep.Analysis.Claims;

/// <summary>Number formatting for evidence strings and reports (invariant culture, "n/a" for missing).</summary>
public static class Fmt
{
    public static string N(double? v, int digits = 3) =>
        v is not { } x || double.IsNaN(x) ? "n/a" : x.ToString("0." + new string('0', digits), CultureInfo.InvariantCulture);

    public static string Signed(double? v, int digits = 2) =>
        v is not { } x || double.IsNaN(x) ? "n/a" : (x >= 0 ? "+" : "") + x.ToString("0." + new string('0', digits), CultureInfo.InvariantCulture);

    /// <summary>p-values: 4 significant digits, scientific below 1e-4.</summary>
    public static string P(double? v) =>
        v is not { } x || double.IsNaN(x) ? "n/a" : x < 1e-4 ? x.ToString("0.00e+0", CultureInfo.InvariantCulture) : x.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Pct(double? v, int digits = 1) =>
        v is not { } x || double.IsNaN(x) ? "n/a" : (100 * x).ToString("0." + new string('0', digits), CultureInfo.InvariantCulture) + "%";

    public static string Int(double? v) =>
        v is not { } x || !double.IsFinite(x) ? "n/a" : Math.Round(x).ToString("#,0", CultureInfo.InvariantCulture);
}
