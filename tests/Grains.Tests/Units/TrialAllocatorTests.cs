using Sweep.Grains.Trials.Processes;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class TrialAllocatorTests
{
    private const string Debian = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
    private static Func<string, bool> Has(params string[] files) => f => files.Contains(f);

    [Fact]
    public void Auto_preloads_jemalloc_where_it_is_installed_and_the_system_malloc_elsewhere_and_unset_is_the_system_malloc()
    {
        Assert.Equal(new TrialAllocator("jemalloc", Debian), TrialAllocator.Resolve("auto", Has(Debian), linux: true, out var e));
        Assert.Null(e);
        Assert.Equal(new TrialAllocator("jemalloc", "/usr/lib64/libjemalloc.so.2"), TrialAllocator.Resolve("auto", Has("/usr/lib64/libjemalloc.so.2"), true, out _));
        Assert.Equal(TrialAllocator.SystemMalloc, TrialAllocator.Resolve(null, Has(Debian), true, out _)); // unset: the system's
        Assert.Equal(TrialAllocator.SystemMalloc, TrialAllocator.Resolve("auto", Has(), true, out _));
        Assert.Equal(TrialAllocator.SystemMalloc, TrialAllocator.Resolve("auto", Has(Debian), linux: false, out _)); // no LD_PRELOAD there
        Assert.Equal(TrialAllocator.SystemMalloc, TrialAllocator.Resolve("System", Has(Debian), true, out _));
    }

    [Fact]
    public void A_setting_that_cannot_be_honoured_says_why()
    {
        Assert.Null(TrialAllocator.Resolve("jemalloc", Has(), true, out var missing));
        Assert.Contains("jemalloc is not installed (looked for /usr/lib/x86_64-linux-gnu/libjemalloc.so.2", missing);
        Assert.Contains("apt-get install libjemalloc2", missing);
        Assert.Null(TrialAllocator.Resolve("jemmaloc", Has(Debian), true, out var typo));
        Assert.Equal("'jemmaloc' is not one of auto, system, jemalloc, nor the absolute path of an allocator library", typo);
        Assert.Null(TrialAllocator.Resolve("/opt/tc/libtcmalloc.so.4", Has(), true, out var absent));
        Assert.Equal("no file at '/opt/tc/libtcmalloc.so.4'", absent);
        Assert.Null(TrialAllocator.Resolve("jemalloc", Has(Debian), linux: false, out var notLinux));
        Assert.Contains("needs Linux", notLinux);
        Assert.Equal(new TrialAllocator("libtcmalloc.so.4", "/opt/tc/libtcmalloc.so.4"),
            TrialAllocator.Resolve("/opt/tc/libtcmalloc.so.4", Has("/opt/tc/libtcmalloc.so.4"), true, out _));
    }

    [Fact]
    public void The_allocator_goes_first_in_a_trial_processes_preload_list_and_what_the_silo_preloads_stays()
    {
        var jemalloc = new TrialAllocator("jemalloc", Debian);
        Assert.Equal(Debian, jemalloc.PreloadList(null));
        Assert.Equal($"{Debian}:/opt/trace.so", jemalloc.PreloadList("/opt/trace.so"));
        Assert.Equal("/opt/trace.so", TrialAllocator.SystemMalloc.PreloadList("/opt/trace.so"));
        Assert.Null(TrialAllocator.SystemMalloc.PreloadList(null));
    }
}
