using Sweep.Training.Devices;

namespace Sweep.Grains.Trials.Processes;

/// <summary>
/// The most device memory a trial process held, read by the supervising silo every <c>interval</c> while the process
/// runs (and once more when it reports its result). Readings that cannot tell (null) are skipped; <see cref="Peak"/> is
/// null until one could.
/// </summary>
public sealed class DevicePeakSampler : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Func<long?> _probe;
    private readonly Timer? _timer;
    private long _peak = -1;

    /// <param name="interval">null: only explicit <see cref="Sample"/> calls read.</param>
    public DevicePeakSampler(Func<long?> probe, TimeSpan? interval = null)
    {
        _probe = probe;
        if (interval is { } every) _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, every);
    }

    /// <summary>A sampler of <paramref name="pid"/>'s memory on the CUDA device <paramref name="device"/> names
    /// (<c>cuda</c> or <c>cuda:N</c>); null for any other device.</summary>
    public static DevicePeakSampler? For(string device, int pid) =>
        CudaIndex(device) is { } index ? new DevicePeakSampler(() => CudaProcessMemory.Query(index, pid), Interval) : null;

    /// <summary>The CUDA device index a device name selects: <c>cuda</c> → 0, <c>cuda:N</c> → N; null when it names no CUDA device.</summary>
    public static int? CudaIndex(string device) =>
        device == "cuda" ? 0
        : device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device[5..], out var i) && i >= 0 ? i
        : null;

    public long? Peak => Interlocked.Read(ref _peak) is >= 0 and var p ? p : null;

    public void Sample()
    {
        long? value;
        try { value = _probe(); }
        catch (Exception) { return; } // a driver hiccup loses one reading, never the trial
        if (value is not { } v || v < 0) return;
        for (var seen = Interlocked.Read(ref _peak); v > seen; seen = Interlocked.Read(ref _peak))
            if (Interlocked.CompareExchange(ref _peak, v, seen) == seen) break;
    }

    public void Dispose() => _timer?.Dispose();
}
