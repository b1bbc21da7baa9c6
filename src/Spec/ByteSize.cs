using System.Globalization;

namespace Sweep.Spec;

/// <summary>Parses and prints byte sizes such as <c>8GiB</c>, <c>512 MB</c> or <c>1048576</c>.</summary>
public static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1_000_000_000_000L), ("GB", 1_000_000_000L), ("MB", 1_000_000L), ("KB", 1_000L), ("B", 1L),
    ];

    public static long? TryParse(string text)
    {
        var s = text.Trim();
        foreach (var (unit, factor) in Units)
        {
            if (!s.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) continue;
            var number = s[..^unit.Length].Trim();
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
                ? (long)Math.Round(v * factor) : null;
        }
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) && b >= 0 ? b : null;
    }

    public static string Format(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#}GiB"
        : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#}MiB"
        : $"{bytes}B";
}
