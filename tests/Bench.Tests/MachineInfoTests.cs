using Sweep.Bench.Timing;

namespace Sweep.Bench.Tests;

[Category(Category.Unit)]
public class MachineInfoTests
{
    [Fact]
    public void ReadsModelAndOnlyTheFlagsOfInterestOfTheFirstProcessor()
    {
        string[] lines =
        [
            "processor\t: 0",
            "model name\t: Example CPU @ 2.0GHz",
            "flags\t\t: fpu sse2 avx2 fma avx512f avx512_bf16 amx_tile",
            "",
            "processor\t: 1",
            "model name\t: Other CPU",
            "flags\t\t: fpu",
        ];
        var info = MachineInfo.FromCpuInfo(lines, 2);
        Assert.Equal("Example CPU @ 2.0GHz", info.CpuModel);
        Assert.Equal(["avx2", "fma", "avx512f", "avx512_bf16", "amx_tile"], info.VectorFlags);
        Assert.DoesNotContain("no native bf16", info.ToString());
    }

    [Fact]
    public void SaysWhenThereIsNoNativeBf16OrNoCpuInfo()
    {
        var avx2 = MachineInfo.FromCpuInfo(["model name : X", "flags : sse avx2"], 4);
        Assert.Contains("no native bf16", avx2.ToString());
        Assert.Contains("4 logical cores", avx2.ToString());
        var none = MachineInfo.FromCpuInfo([], 1);
        Assert.Equal("unknown CPU", none.CpuModel);
        Assert.Empty(none.VectorFlags);
    }
}
