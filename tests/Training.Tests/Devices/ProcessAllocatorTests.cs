using Sweep.Settings;
using Sweep.Training.Devices;

namespace Sweep.Training.Tests.Devices;

[Category(Category.Unit)]
public sealed class ProcessAllocatorTests
{
    private const string Debian = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";

    [Fact]
    public void A_process_names_the_allocator_mapped_into_it()
    {
        const string glibc = "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n";
        Assert.Equal("glibc", ProcessAllocator.FromMaps(glibc));
        Assert.Equal("jemalloc", ProcessAllocator.FromMaps(glibc + $"7f20-7f30 r-xp 00000000 08:01 2 {Debian}\n"));
        Assert.Equal("tcmalloc", ProcessAllocator.FromMaps(glibc + "7f20-7f30 r-xp 0 08:01 2 /usr/lib/libtcmalloc_minimal.so.4\n"));
        Assert.Equal("musl", ProcessAllocator.FromMaps("7f00-7f10 r-xp 0 08:01 1 /lib/ld-musl-x86_64.so.1\n"));
        Assert.Equal("glibc", ProcessAllocator.FromMaps(""));
    }
}
