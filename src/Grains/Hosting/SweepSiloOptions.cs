using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Hosting;

/// <summary>
/// Settings of a Sweep silo, section <c>Sweep</c> of the configuration (appsettings.json, then environment variables
/// <c>Sweep__Role=Worker</c>, <c>Sweep__RetryBase=00:00:02</c>, …). Durations are written hh:mm:ss[.fff].
/// Checked once, when the silo starts, by <see cref="SweepSiloOptionsValidator"/>.
/// </summary>
public sealed class SweepSiloOptions
{
    public const string Section = "Sweep";

    public SiloRole Role { get; set; } = SiloRole.All;
    public AcceleratorChoice Accelerator { get; set; } = AcceleratorChoice.Auto;
    /// <summary>Device memory in bytes or with a unit ("16GiB"); empty = detect (CPU: physical memory).</summary>
    public string? DeviceMemory { get; set; }
    /// <summary>What the trials this silo runs at once may need together (their predicted peaks summed), in bytes or with a
    /// unit ("12GiB"); empty = <see cref="DeviceMemory"/>. Enforced by the silo's slots whatever experiments the trials come from.</summary>
    public string? MemoryBudget { get; set; }
    /// <summary>Trials this silo runs at once; null = 1 on a GPU, cores/2 (at least 1) on a CPU. Control silos have 0.</summary>
    public int? Slots { get; set; }
    /// <summary>Grain storage; <see cref="GrainStorageKind.File"/> keeps it under <see cref="DataPath"/>, <see cref="GrainStorageKind.Azure"/>
    /// in the container <see cref="SweepAzureOptions.StateContainer"/> (artifacts then go to Azure Blob storage too).</summary>
    public GrainStorageKind Storage { get; set; } = GrainStorageKind.Memory;
    /// <summary>Root of file storage and artifacts (checkpoints).</summary>
    public string DataPath { get; set; } = Path.Combine(Path.GetTempPath(), "sweep");
    public TrialExecutorKind Executor { get; set; } = TrialExecutorKind.Training;
    /// <summary>Each training trial runs in its own child process, supervised by the silo (true), or on a slot thread of the
    /// silo's process (false). Simulated trials always run in-process.</summary>
    public bool TrialProcesses { get; set; } = true;
    /// <summary>The malloc of trial processes: <c>system</c> (the default), <c>jemalloc</c>, <c>auto</c> (jemalloc where its
    /// library is installed, else the system's), or the absolute path of an allocator library to preload
    /// (<see cref="Trials.Processes.TrialAllocator"/>). glibc's malloc keeps much of what a training step frees, so a
    /// trial's peak is far above what it uses at once; jemalloc hands it back, for more system time.</summary>
    public string TrialAllocator { get; set; } = Trials.Processes.TrialAllocator.System;
    /// <summary>A trial process that reports nothing for this long is ended; the attempt fails as hung.</summary>
    public TimeSpan TrialHangTimeout { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Work of one simulated step.</summary>
    public TimeSpan SimulatedStep { get; set; } = TimeSpan.FromMilliseconds(1);
    public int SimulatedSteps { get; set; } = 20;
    /// <summary>Simulated steps burn CPU (true) or sleep (false).</summary>
    public bool SimulatedSpin { get; set; }
    /// <summary>First delay before a failed trial is retried; it doubles up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How often an experiment pings its running trials and fills free slots.</summary>
    public TimeSpan PumpInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How often a running trial reports progress.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>At most how often a running experiment writes its bookkeeping (it always writes on submit, cancel, finish).</summary>
    public TimeSpan StateSaveInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>When the silo is told to stop (SIGTERM, Ctrl-C), how long its running trials get to checkpoint and be handed
    /// back to their experiments before the silo leaves the cluster; a trial still running then is handed back from its last
    /// checkpoint. The host's shutdown timeout is this plus <see cref="SweepSiloOptions.LeaveClusterTime"/>.</summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The most <see cref="DrainGrace"/> may be.</summary>
    public static readonly TimeSpan MaxDrainGrace = TimeSpan.FromHours(1);
    /// <summary>What the host's shutdown timeout leaves, after the drain, for the silo to leave the cluster.</summary>
    public static readonly TimeSpan LeaveClusterTime = TimeSpan.FromSeconds(30);

    // clustering: localhost by default (further silos join a primary), or the Azure Table membership table
    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;
    /// <summary>The address other silos and clients reach this silo at; empty = detected (the first up, non-loopback IPv4
    /// interface; loopback when there is none). Localhost clustering advertises loopback unless this is set.</summary>
    public string? AdvertisedAddress { get; set; }
    /// <summary>The storage account, for <see cref="Clustering"/> or <see cref="Storage"/> <c>azure</c>.</summary>
    public SweepAzureOptions Azure { get; set; } = new();
    public string ClusterId { get; set; } = "sweep";
    public string ServiceId { get; set; } = "sweep";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>host:port of the primary silo's silo port; empty = this silo is the primary.</summary>
    public string? Primary { get; set; }

    /// <summary>Port of the silo's HTTP endpoints (<c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>) on every address; 0 = none.
    /// The silo process defaults to 8080 (appsettings.json); silos built in code (the console's embedded one) to 0.</summary>
    public int HttpPort { get; set; }

    /// <summary>Worker kinds (<c>cpu</c>, <c>cuda</c>, <c>mps</c>, comma-separated) that an autoscaler starts when trials wait
    /// for them, e.g. KEDA pools that scale to zero: a control silo accepts trials for them while none is live. Empty = none.</summary>
    public string? ScaledFromZero { get; set; }
}
