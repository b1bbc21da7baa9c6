using Sweep.Grains.Experiments;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class WatcherSetTests
{
    private static readonly DateTime T0 = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Watchers_hear_once_per_batch_of_changes_and_a_new_watcher_hears_at_once()
    {
        var set = new WatcherSet<string, string>(TimeSpan.FromSeconds(60));
        set.Add("a", "A", T0);
        Assert.Equal(["A"], set.TakeDue(T0));
        Assert.Empty(set.TakeDue(T0)); // nothing changed since

        set.MarkChanged();
        set.MarkChanged();
        set.Add("b", "B", T0);
        Assert.Equal(["A", "B"], set.TakeDue(T0.AddSeconds(1)).Order());
        Assert.Empty(set.TakeDue(T0.AddSeconds(1)));
    }

    [Fact]
    public void Subscriptions_expire_unless_renewed_and_can_be_removed()
    {
        var set = new WatcherSet<string, string>(TimeSpan.FromSeconds(60));
        set.Add("a", "A", T0);
        set.Add("b", "B", T0);
        set.Add("b", "B", T0.AddSeconds(50)); // renewed
        set.MarkChanged();
        Assert.Equal(["B"], set.TakeDue(T0.AddSeconds(61)));
        Assert.Equal(1, set.Count);

        set.Remove("b");
        set.MarkChanged();
        Assert.Empty(set.TakeDue(T0.AddSeconds(62)));
        Assert.Equal(0, set.Count);
    }
}
