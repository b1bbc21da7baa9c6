using Sweep.Grains.Interfaces;
using Sweep.Spec;
using Sweep.Settings;

namespace Sweep.Grains.Hosting;

/// <summary>What a silo plays: control (experiments, aggregation; runs no trials), worker (trials), or all.</summary>
public enum SiloRole { All, Control, Worker }

/// <summary>
/// Settings of a Sweep silo, section <c>Sweep</c> of appsettings.json, overridable by environment variables
/// (<c>Sweep__Role=worker</c>, <c>Sweep__Slots=2</c>, …). Checked at start by <see cref="Validate"/>.
/// </summary>
public sealed class SweepSiloOptions
{
    public const string Section = "Sweep";

    public SiloRole Role { get; set; } = SiloRole.All;
    /// <summary>auto (probe cuda, then mps, else cpu) | cuda | mps | cpu.</summary>
    public string Accelerator { get; set; } = "auto";
    /// <summary>Device memory in bytes or with a unit ("16GiB"); empty = detect (CPU: physical memory).</summary>
    public string? DeviceMemory { get; set; }
    /// <summary>Trials this silo runs at once; null = 1 on a GPU, cores/2 (at least 1) on a CPU. Control silos have 0.</summary>
    public int? Slots { get; set; }
    /// <summary>Grain storage: memory (default; lost with the cluster) | file (under <see cref="DataPath"/>; shared by silos of one machine).</summary>
    public string Storage { get; set; } = "memory";
    /// <summary>Root of file storage and artifacts (checkpoints).</summary>
    public string DataPath { get; set; } = Path.Combine(Path.GetTempPath(), "sweep");
    /// <summary>training (the TorchSharp core) | simulated (fixed work per step, for orchestration tests and benchmarks).</summary>
    public string Executor { get; set; } = "training";
    public double SimulatedStepMilliseconds { get; set; } = 1;
    public int SimulatedSteps { get; set; } = 20;
    /// <summary>Simulated steps burn CPU (true) or sleep (false).</summary>
    public bool SimulatedSpin { get; set; }
    public double RetryBaseSeconds { get; set; } = 2;
    public double RetryMaxSeconds { get; set; } = 60;
    public double PumpIntervalSeconds { get; set; } = 1;
    public double ProgressIntervalSeconds { get; set; } = 1;
    /// <summary>At most how often a running experiment writes its bookkeeping (it always writes on submit, cancel, finish).</summary>
    public double StateSaveSeconds { get; set; } = 5;

    // clustering: localhost by default; further silos join a primary
    public string ClusterId { get; set; } = "sweep";
    public string ServiceId { get; set; } = "sweep";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>host:port of the primary silo's silo port; empty = this silo is the primary.</summary>
    public string? Primary { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Accelerator is not ("auto" or Accelerators.Cuda or Accelerators.Mps or Accelerators.Cpu))
            errors.Add($"{Section}:Accelerator: '{Accelerator}' is not one of auto, cuda, mps, cpu");
        if (!string.IsNullOrEmpty(DeviceMemory) && ByteSize.TryParse(DeviceMemory) is null)
            errors.Add($"{Section}:DeviceMemory: '{DeviceMemory}' is not a size (e.g. 16GiB)");
        if (Slots is < 0) errors.Add($"{Section}:Slots: must be >= 0 (got {Slots})");
        if (Storage is not ("memory" or "file")) errors.Add($"{Section}:Storage: '{Storage}' is not one of memory, file");
        if (Executor is not ("training" or "simulated")) errors.Add($"{Section}:Executor: '{Executor}' is not one of training, simulated");
        if (SimulatedStepMilliseconds < 0) errors.Add($"{Section}:SimulatedStepMilliseconds: must be >= 0");
        if (SimulatedSteps < 1) errors.Add($"{Section}:SimulatedSteps: must be > 0");
        if (RetryBaseSeconds < 0 || RetryMaxSeconds < RetryBaseSeconds) errors.Add($"{Section}:RetryBaseSeconds/RetryMaxSeconds: need 0 <= base <= max");
        if (PumpIntervalSeconds <= 0) errors.Add($"{Section}:PumpIntervalSeconds: must be > 0");
        if (ProgressIntervalSeconds <= 0) errors.Add($"{Section}:ProgressIntervalSeconds: must be > 0");
        if (StateSaveSeconds < 0) errors.Add($"{Section}:StateSaveSeconds: must be >= 0");
        if (SiloPort is < 1 or > 65535) errors.Add($"{Section}:SiloPort: {SiloPort} is not a port");
        if (GatewayPort is < 0 or > 65535) errors.Add($"{Section}:GatewayPort: {GatewayPort} is not a port");
        if (!string.IsNullOrEmpty(Primary) && !System.Net.IPEndPoint.TryParse(Primary.Replace("localhost", "127.0.0.1"), out _))
            errors.Add($"{Section}:Primary: '{Primary}' is not host:port");
        return errors;
    }
}
