namespace Sweep.Grains.Hosting;

// The choices of the Sweep silo settings (SweepSiloOptions). Configuration reads them by name, in any case
// (Sweep__Storage=file, Sweep:Role=Worker); numbers are not accepted.

/// <summary>What a silo plays: control (experiments, aggregation; runs no trials), worker (trials), or all.</summary>
public enum SiloRole { All, Control, Worker }

/// <summary>The device trials run on: detected (cuda, then mps, else cpu) or named.</summary>
public enum AcceleratorChoice { Auto, Cuda, Mps, Cpu }

/// <summary>Where grains keep their state: memory (lost with the cluster), files under the data path (shared by silos of one
/// machine), or Azure Blob storage (shared by silos on any machine; checkpoints and artifacts go there too).</summary>
public enum GrainStorageKind { Memory, File, Azure }

/// <summary>How silos find each other: one machine (a primary on loopback), or the membership table in Azure Table storage.</summary>
public enum ClusteringKind { Localhost, Azure }

/// <summary>What a trial runs: the TorchSharp training core, or fixed simulated work per step (orchestration tests, benchmarks).</summary>
public enum TrialExecutorKind { Training, Simulated }
