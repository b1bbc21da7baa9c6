using Sweep.Client.Cluster;
using Sweep.Grains.Hosting;
using Sweep.Training;

namespace Sweep.Client.Tests.Process;

/// <summary>
/// The embedded silo of <c>sweep run</c> takes the machine's settings from the environment as <c>sweep-silo</c> does
/// (memory budget, device memory, trial allocator, hang timeout): a budget set there reaches the silo (a sweep that does
/// not fit it is refused at submit with the numbers), and a bad value is bad input naming the setting, before anything starts.
/// </summary>
[Category(Category.Cluster)]
public sealed class EmbeddedSiloSettingsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _dir = new("embedded-settings");

    public void Dispose() => _dir.Dispose();

    private static Func<string, string?> Env(params (string Key, string Value)[] values) => k => values.FirstOrDefault(v => v.Key == k).Value;

    [Fact]
    public void The_machines_settings_are_read_from_the_environment_and_nothing_else_is()
    {
        var o = new SweepSiloOptions { Slots = 3 };
        EmbeddedSiloSettings.Read(Env(("Sweep__MemoryBudget", "6GiB"), ("Sweep__TrialAllocator", "jemalloc"),
            ("Sweep__TrialHangTimeout", "00:20:00"), ("Sweep__Slots", "9"), ("Sweep__DeviceMemory", "8GiB")))(o);
        Assert.Equal(("6GiB", "jemalloc", TimeSpan.FromMinutes(20), "8GiB"), (o.MemoryBudget, o.TrialAllocator, o.TrialHangTimeout, o.DeviceMemory));
        Assert.Equal(3, o.Slots); // the run's, not the environment's

        var unchanged = new SweepSiloOptions();
        EmbeddedSiloSettings.Read(Env())(unchanged);
        Assert.Equal((null, "system"), (unchanged.MemoryBudget, unchanged.TrialAllocator));
    }

    [Fact]
    public void A_bad_value_names_its_setting()
    {
        var bad = Assert.Throws<InvalidInputException>(() => EmbeddedSiloSettings.Read(
            Env(("Sweep__TrialAllocator", "jemmaloc"), ("Sweep__MemoryBudget", "lots"))));
        Assert.StartsWith("the embedded silo's settings from the environment: ", bad.Message);
        Assert.Contains("Sweep:TrialAllocator: 'jemmaloc' is not one of auto, system, jemalloc", bad.Message);
        Assert.Contains("Sweep:MemoryBudget: 'lots' is not a positive size", bad.Message);
        var unreadable = Assert.Throws<InvalidInputException>(() => EmbeddedSiloSettings.Read(Env(("Sweep__TrialHangTimeout", "soon"))));
        Assert.Contains("Sweep:TrialHangTimeout", unreadable.Message);
    }

    [Fact]
    public async Task Sweep_run_honours_a_memory_budget_from_the_environment_and_refuses_a_bad_allocator_with_exit_2()
    {
        var spec = Path.Combine(RepositoryRoot(), "examples", "quickstart.yaml");
        using (var small = ConsoleProcess.Start(_dir.Path, new Dictionary<string, string> { ["Sweep__MemoryBudget"] = "64MiB" },
                   "run", spec, "--simulate", "--out", Path.Combine(_dir.Path, "small")))
        {
            var code = await small.Exit(Bound);
            Assert.True(code == 2, $"exit {code}\n{small.Err}");
            Assert.Contains("are predicted to need", small.Err);
            Assert.Contains("the largest cpu silo has 64MiB", small.Err);
        }
        using var typo = ConsoleProcess.Start(_dir.Path, new Dictionary<string, string> { ["Sweep__TrialAllocator"] = "jemmaloc" },
            "run", spec, "--simulate", "--out", Path.Combine(_dir.Path, "typo"));
        var exit = await typo.Exit(Bound);
        Assert.True(exit == 2, $"exit {exit}\n{typo.Err}");
        Assert.Contains("error: the embedded silo's settings from the environment: Sweep:TrialAllocator: 'jemmaloc'", typo.Err);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "typo", ".sweep", "state")), "nothing should have been stored");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Sweep.sln above the test folder");
    }
}
