using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class SiloOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static SweepSiloOptions Read(IConfiguration configuration) =>
        new ServiceCollection().AddSweepSiloOptions(configuration).Services.BuildServiceProvider()
            .GetRequiredService<IOptions<SweepSiloOptions>>().Value;

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] values) =>
        Assert.Throws<OptionsValidationException>(() => Read(Config(values))).Failures.ToList();

    [Fact]
    public void Options_bind_from_the_Sweep_section_into_choices_and_durations()
    {
        var o = Read(Config(("Sweep:Role", "Worker"), ("Sweep:Slots", "3"), ("Sweep:Primary", "localhost:11111"), ("Sweep:DeviceMemory", "16GiB"),
            ("Sweep:Accelerator", "cuda"), ("Sweep:Storage", "file"), ("Sweep:Executor", "Simulated"), ("Sweep:SimulatedStep", "00:00:00.040"),
            ("Sweep:RetryBase", "00:00:02"), ("Sweep:RetryMax", "00:01:30"), ("Sweep:PumpInterval", "00:00:00.5"), ("Sweep:StateSaveInterval", "00:00:00")));
        Assert.Equal((SiloRole.Worker, 3, "localhost:11111", "16GiB"), (o.Role, o.Slots!.Value, o.Primary!, o.DeviceMemory!));
        Assert.Equal((AcceleratorChoice.Cuda, GrainStorageKind.File, TrialExecutorKind.Simulated), (o.Accelerator, o.Storage, o.Executor));
        Assert.Equal(TimeSpan.FromMilliseconds(40), o.SimulatedStep);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90)), (o.RetryBase, o.RetryMax));
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.Zero), (o.PumpInterval, o.StateSaveInterval));
    }

    [Fact]
    public void Without_a_Sweep_section_the_defaults_hold()
    {
        var o = Read(Config());
        Assert.Equal((SiloRole.All, AcceleratorChoice.Auto, GrainStorageKind.Memory, TrialExecutorKind.Training), (o.Role, o.Accelerator, o.Storage, o.Executor));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)), (o.RetryBase, o.RetryMax, o.StateSaveInterval));
    }

    [Fact]
    public void Every_unreadable_setting_is_listed_with_its_choices()
    {
        var f = Failures(("Sweep:Accelerator", "tpu"), ("Sweep:Storage", "s3"), ("Sweep:Role", "1"), ("Sweep:Slots", "two"),
            ("Sweep:SimulatedSpin", "yes"), ("Sweep:RetryBase", "2"), ("Sweep:PumpInterval", "soon"));
        Assert.Contains("Sweep:Accelerator: 'tpu' is not one of auto, cuda, mps, cpu", f);
        Assert.Contains("Sweep:Storage: 's3' is not one of memory, file, azure", f);
        Assert.Contains("Sweep:Role: '1' is not one of all, control, worker", f); // a number would bind to a role
        Assert.Contains("Sweep:Slots: 'two' is not a whole number", f);
        Assert.Contains("Sweep:SimulatedSpin: 'yes' is not true or false", f);
        Assert.Contains("Sweep:RetryBase: '2' is not a duration hh:mm:ss[.fff] (e.g. 00:00:02)", f); // TimeSpan would read two days
        Assert.Contains("Sweep:PumpInterval: 'soon' is not a duration hh:mm:ss[.fff] (e.g. 00:00:02)", f);
        Assert.Equal(7, f.Count);
    }

    [Fact]
    public void An_empty_value_unsets_a_setting_that_may_be_unset_and_is_an_error_elsewhere()
    {
        var o = Read(Config(("Sweep:Slots", ""), ("Sweep:Primary", "")));
        Assert.Null(o.Slots);
        Assert.Equal("", o.Primary);
        Assert.Equal(["Sweep:SimulatedSteps: is empty (leave it out to keep the default)", "Sweep:Storage: is empty (leave it out to keep the default)"],
            Failures(("Sweep:SimulatedSteps", ""), ("Sweep:Storage", "")).Order());
    }

    [Fact]
    public void Renamed_and_unknown_keys_are_named()
    {
        var f = Failures(("Sweep:RetryBaseSeconds", "2"), ("Sweep:StateSaveSeconds", "5"), ("Sweep:Slot", "2"));
        Assert.Contains("Sweep:RetryBaseSeconds: renamed to Sweep:RetryBase, a duration hh:mm:ss[.fff] (e.g. 00:00:02)", f);
        Assert.Contains("Sweep:StateSaveSeconds: renamed to Sweep:StateSaveInterval, a duration hh:mm:ss[.fff] (e.g. 00:00:02)", f);
        Assert.Contains("Sweep:Slot: not a setting", f);
    }

    [Fact]
    public void Every_invalid_value_is_listed()
    {
        var f = Failures(("Sweep:Slots", "-1"), ("Sweep:Primary", "nowhere"), ("Sweep:DeviceMemory", "lots"), ("Sweep:StateSaveInterval", "-00:00:01"),
            ("Sweep:RetryBase", "00:00:10"), ("Sweep:RetryMax", "00:00:05"), ("Sweep:PumpInterval", "00:00:00"), ("Sweep:SiloPort", "70000"),
            ("Sweep:MemoryBudget", "0"), ("Sweep:TrialAllocator", "jemmaloc"));
        Assert.Contains("Sweep:Slots: must be >= 0 (got -1)", f);
        Assert.Contains("Sweep:Primary: 'nowhere' is not host:port", f);
        Assert.Contains("Sweep:DeviceMemory: 'lots' is not a size (e.g. 16GiB)", f);
        Assert.Contains("Sweep:StateSaveInterval: must be >= 00:00:00 (got -00:00:01)", f);
        Assert.Contains("Sweep:RetryMax: must be >= Sweep:RetryBase (00:00:10; got 00:00:05)", f);
        Assert.Contains("Sweep:PumpInterval: must be > 00:00:00 (got 00:00:00)", f);
        Assert.Contains("Sweep:SiloPort: 70000 is not a port", f);
        Assert.Contains("Sweep:MemoryBudget: '0' is not a positive size (e.g. 12GiB)", f);
        Assert.Contains("Sweep:TrialAllocator: 'jemmaloc' is not one of auto, system, jemalloc, nor the absolute path of an allocator library", f);
        Assert.Equal(9, f.Count);
    }

    [Fact]
    public void The_drain_grace_reads_as_a_duration_within_bounds_and_sets_the_hosts_time_to_stop()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), Read(Config()).DrainGrace);
        Assert.Equal(TimeSpan.FromSeconds(5), Read(Config(("Sweep:DrainGrace", "00:00:05"))).DrainGrace);
        Assert.Equal(["Sweep:DrainGrace: '90' is not a duration hh:mm:ss[.fff] (e.g. 00:00:02)"], Failures(("Sweep:DrainGrace", "90")));
        Assert.Equal(["Sweep:DrainGrace: must be between 00:00:00 and 01:00:00, the time running trials get to checkpoint when the silo stops (got -00:00:01)"],
            Failures(("Sweep:DrainGrace", "-00:00:01")));
        Assert.Single(Failures(("Sweep:DrainGrace", "02:00:00")));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Sweep:DrainGrace", "00:01:30")]);
        builder.AddSweepSilo();
        using var host = builder.Build();
        Assert.Equal(TimeSpan.FromSeconds(120), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void Options_set_in_code_are_validated_too()
    {
        var result = new SweepSiloOptionsValidator().Validate(null, new SweepSiloOptions { Storage = (GrainStorageKind)7, SimulatedSteps = 0 });
        Assert.True(result.Failed);
        Assert.Contains("Sweep:Storage: '7' is not one of memory, file, azure", result.Failures!);
        Assert.Contains("Sweep:SimulatedSteps: must be > 0 (got 0)", result.Failures!);
    }

    [Fact]
    public async Task A_silo_host_with_a_bad_setting_fails_at_start_naming_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Sweep:Slots", "-1"), new("Sweep:SiloPort", "0")]);
        builder.AddSweepSilo();
        using var host = builder.Build();
        Assert.Equal(["Sweep:Slots: must be >= 0 (got -1)", "Sweep:SiloPort: 0 is not a port"], SweepHost.InvalidSettings(host.Services));
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(["Sweep:Slots: must be >= 0 (got -1)", "Sweep:SiloPort: 0 is not a port"], e.Failures);
    }
}
