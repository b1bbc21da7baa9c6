using Microsoft.Extensions.Configuration;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SiloOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Options_bind_from_the_Sweep_section()
    {
        var o = SweepHost.ReadOptions(Config(("Sweep:Role", "Worker"), ("Sweep:Slots", "3"), ("Sweep:Primary", "localhost:11111"), ("Sweep:DeviceMemory", "16GiB")));
        Assert.Equal((SiloRole.Worker, 3, "localhost:11111"), (o.Role, o.Slots!.Value, o.Primary!));
    }

    [Fact]
    public void Every_invalid_setting_is_listed_before_the_silo_starts()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepHost.ReadOptions(Config(
            ("Sweep:Accelerator", "tpu"), ("Sweep:Slots", "-1"), ("Sweep:Storage", "s3"), ("Sweep:Primary", "nowhere"), ("Sweep:DeviceMemory", "lots"), ("Sweep:StateSaveSeconds", "-1"))));
        Assert.Contains("Sweep:Accelerator: 'tpu' is not one of auto, cuda, mps, cpu", e.Message);
        Assert.Contains("Sweep:Slots: must be >= 0 (got -1)", e.Message);
        Assert.Contains("Sweep:Storage: 's3' is not one of memory, file", e.Message);
        Assert.Contains("Sweep:Primary: 'nowhere' is not host:port", e.Message);
        Assert.Contains("Sweep:DeviceMemory: 'lots' is not a size (e.g. 16GiB)", e.Message);
        Assert.Contains("Sweep:StateSaveSeconds: must be >= 0", e.Message);
    }
}
