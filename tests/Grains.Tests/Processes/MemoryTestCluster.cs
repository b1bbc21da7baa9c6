using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sweep.Grains.Hosting;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Tests.Cluster;
using Sweep.Grains.Trials;
using Sweep.Settings;
using Sweep.Training.Memory;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Processes;

/// <summary>
/// A real two-silo test cluster for memory-aware placement: <c>Silo_0</c> is the small silo, <c>Silo_1</c> the big one.
/// Trials run simulated work but carry their real models' predicted peaks, which a meter adds up per silo while they
/// execute (keeping the largest total), so a test can check what ran together against a budget.
/// </summary>
internal sealed class MemoryTestCluster : IAsyncDisposable
{
    /// <summary>The predicted peak of a tiny-bert B-FP trial at batch 8 × 32 tokens on a CPU.</summary>
    public static readonly long TinyNeed = PeakMemoryModel.Predict(TrialMemory.Recipe("tiny-bert", "B-FP", 8, 8, 32, "cpu")).Total;

    private readonly ConcurrentDictionary<string, long> _inUse = new(), _maxInUse = new();
    private InProcessTestCluster _cluster = null!;

    private MemoryTestCluster() { }

    public InProcessTestCluster Cluster => _cluster;

    public string SmallSilo => _cluster.Silos[0].SiloAddress.ToParsableString();

    public string BigSilo => _cluster.Silos[1].SiloAddress.ToParsableString();

    /// <summary>The largest sum of predicted peaks that executed on <paramref name="silo"/> at once.</summary>
    public long MaxInUse(string silo) => _maxInUse.GetValueOrDefault(silo);

    /// <param name="configure">sets a silo's options beyond CPU, simulated executor and data path; true for the small silo</param>
    /// <param name="stepMilliseconds">how long each simulated step takes</param>
    /// <param name="measuredPeak">when given, every trial reports this peak as measured in a process of its own (as trial
    /// processes do), so the silos learn it (<see cref="MeasuredPeaks"/>)</param>
    public static async Task<MemoryTestCluster> Start(TempDirectory data, double stepMilliseconds, Action<bool, SweepSiloOptions> configure,
        Func<TrialSpec, long>? measuredPeak = null)
    {
        var meter = new MemoryTestCluster();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((o, silo) =>
        {
            var small = o.SiloName == "Silo_0";
            silo.AddSweepSilo(s =>
            {
                s.Accelerator = AcceleratorChoice.Cpu;
                s.DataPath = data.Path;
                s.Executor = TrialExecutorKind.Simulated;
                s.PumpInterval = s.ProgressInterval = TimeSpan.FromMilliseconds(100);
                configure(small, s);
            });
            silo.Services.AddSingleton<ITrialExecutor>(sp => new Metered(meter,
                new SimulatedTrialExecutor(new SimulationOptions(10, stepMilliseconds)), sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString(), measuredPeak));
        });
        meter._cluster = builder.Build();
        await meter._cluster.DeployAsync();
        return meter;
    }

    /// <summary>B-FP over 4 seeds, 10 steps at batch 8 × 32 tokens, on <paramref name="tasks"/>.</summary>
    public static SweepSpec Spec(string name, params TaskSpec[] tasks) => Specs.Make(name, seeds: 4, ["B-FP"], steps: 10, concurrency: 8) with
    {
        Tasks = tasks,
        Training = new TrainingOverrides { MaxSteps = 10, BatchSize = 8, MaxLength = 32 },
    };

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private sealed class Metered(MemoryTestCluster meter, SimulatedTrialExecutor inner, string silo, Func<TrialSpec, long>? measuredPeak) : ITrialExecutor
    {
        public bool MeasuresItsOwnPeak => measuredPeak is not null;

        public TrialResult Execute(TrialSpec spec, IProgress<TrialProgress> progress, CancellationToken ct, ICheckpointStore checkpoints, CancellationToken drain = default)
        {
            var need = TrialMemory.Predict(spec, "cpu").Total;
            var now = meter._inUse.AddOrUpdate(silo, need, (_, v) => v + need);
            meter._maxInUse.AddOrUpdate(silo, now, (_, v) => Math.Max(v, now));
            try
            {
                var result = inner.Execute(spec, progress, ct, checkpoints, drain);
                return measuredPeak is null ? result : result with { Metrics = result.Metrics with { PeakMemoryBytes = measuredPeak(spec) } };
            }
            finally { meter._inUse.AddOrUpdate(silo, 0, (_, v) => v - need); }
        }
    }
}
