using Orleans.Concurrency;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// A watcher of one experiment (the console's live view): told, at most a few times a second, that trials progressed
/// or ended, with the counts. It then asks the experiment for whatever it shows. Subscriptions expire unless renewed
/// (<see cref="IExperimentGrain.Watch"/>), so a watcher that vanished is forgotten.
/// </summary>
public interface IExperimentObserver : IGrainObserver
{
    /// <summary>One-way: a slow or vanished watcher never holds the experiment up.</summary>
    [OneWay] Task Changed(ExperimentCounts counts);
}
