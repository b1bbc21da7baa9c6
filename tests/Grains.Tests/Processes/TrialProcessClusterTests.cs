using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Grains.Trials;
using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training.Isolation;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// A real two-silo test cluster whose trials run as real tiny-bert trials in child processes. Test-only switches make some
/// trials' processes crash natively, exceed a memory limit set on themselves, hang, or exit early: each attempt fails with
/// its own reason, the retry policy applies, and the silos and their other trials carry on.
/// </summary>
[Category(Category.Cluster)]
public sealed class TrialProcessClusterTests : IAsyncLifetime
{
    private const string Faults = "/s1:crash:3:9;/s2:oom:3:9;/s3:hang:2:9;/s4:exit:2:1";
    private static readonly TempDirectory Data = new("procs-cluster");
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSweepSilo(o =>
            {
                o.Accelerator = AcceleratorChoice.Cpu;
                o.Slots = 2;
                o.DeviceMemory = "8GiB";
                o.DataPath = Data.Path;
                o.RetryBase = TimeSpan.FromMilliseconds(50);
                o.RetryMax = TimeSpan.FromMilliseconds(200);
                o.PumpInterval = o.ProgressInterval = TimeSpan.FromMilliseconds(200);
            });
            silo.Services.AddSingleton<ITrialExecutor>(_ => new TrialProcessExecutor(new TrialProcessOptions(
                TrialChildCommand.ForThisProcess(), TimeSpan.FromSeconds(60), Path.Combine(Data.Path, "work"),
                new Dictionary<string, string> { [TrialFault.Variable] = Faults })));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Crashed_oom_hung_and_exited_trial_processes_fail_with_their_own_reasons_and_the_others_complete()
    {
        var spec = Specs.Make("procs", seeds: 6, ["B-FP"], steps: 6, concurrency: 4, model: "tiny-bert") with
        {
            Training = new() { MaxSteps = 6, BatchSize = 8, MaxLength = 32, MaxEvalExamples = 32, WarmupSteps = 1 },
            ThreadsPerTrial = 1,
            Retries = 1,
        };
        var (grain, _) = await Specs.Submit(_cluster.Client, spec);
        await Specs.Finished(grain, seconds: 600);
        var trials = (await grain.GetResults()).Trials.ToDictionary(t => t.Seed);

        void FailedWith(int seed, string reason)
        {
            var t = trials[seed];
            Assert.True(t.State == TrialState.Failed, $"seed {seed}: {t.State} {t.Error}");
            // the first attempt failed and was retried once (retries: 1); on a heavily loaded machine a silo may also be
            // suspected dead and the trial reactivated, which starts one more attempt
            Assert.True(t.Attempts >= 2, $"seed {seed}: {t.Attempts} attempts");
            Assert.StartsWith(reason, t.Error);
            Assert.EndsWith($"(after {t.Attempts} attempts)", t.Error);
        }
        FailedWith(1, "crashed: SIGSEGV at step 3");
        FailedWith(2, "out of memory at step 3");
        FailedWith(3, "no progress for 60 s at step 2; its process tree was ended");
        Assert.Equal((TrialState.Completed, 2), (trials[4].State, trials[4].Attempts)); // exited early once, then ran through
        foreach (var seed in new[] { 5, 6 })
        {
            Assert.Equal((TrialState.Completed, 1), (trials[seed].State, trials[seed].Attempts));
            Assert.True(trials[seed].Metrics[MetricNames.PeakMemoryBytes] > 0);
        }
        Assert.Equal(2, _cluster.Silos.Count); // no silo went down with its trials
    }
}
