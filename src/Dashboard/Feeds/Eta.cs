namespace Sweep.Dashboard.Feeds;

/// <summary>Time left for a sweep, from its pace so far: elapsed ÷ finished × remaining. Unknown before a trial finished.</summary>
public static class Eta
{
    public static TimeSpan? Estimate(DateTimeOffset? submittedAt, DateTimeOffset now, int finished, int total)
    {
        if (submittedAt is not { } start || finished <= 0 || total <= 0) return null;
        if (finished >= total) return TimeSpan.Zero;
        var elapsed = now - start;
        if (elapsed <= TimeSpan.Zero) return null;
        return TimeSpan.FromTicks(elapsed.Ticks / finished * (total - finished));
    }

    /// <summary>"1 h 02 min", "3 min 05 s", "12 s"; "—" when unknown.</summary>
    public static string Format(TimeSpan? eta) => eta switch
    {
        null => "—",
        { TotalHours: >= 1 } t => $"{(int)t.TotalHours} h {t.Minutes:00} min",
        { TotalMinutes: >= 1 } t => $"{(int)t.TotalMinutes} min {t.Seconds:00} s",
        { } t => $"{Math.Ceiling(t.TotalSeconds):0} s",
    };
}
