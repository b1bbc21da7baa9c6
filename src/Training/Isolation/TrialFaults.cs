using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Sweep.Training.Isolation;

/// <summary>
/// Test-only faults for trial processes, so that tests can show how the silo names each failure. Read from the
/// environment variable <c>SWEEP_TEST_TRIAL_FAULTS</c>: entries <c>ID-PART:KIND:STEP[:ATTEMPTS]</c> separated by
/// <c>;</c>. A trial whose id contains ID-PART, in an attempt up to ATTEMPTS (default 1), at training step STEP:
/// <c>crash</c> dies of SIGSEGV, <c>oom</c> caps its own address space (RLIMIT_AS) just above what it uses and
/// allocates past it in one go, <c>hang</c> stops reporting forever, <c>exit</c> exits with code 7 without a word.
/// </summary>
public sealed record TrialFault(string Kind, int Step)
{
    public const string Variable = "SWEEP_TEST_TRIAL_FAULTS";

    public static TrialFault? For(string trialId, int attempt, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var p = entry.Split(':');
            if (p.Length is < 3 or > 4 || !int.TryParse(p[2], out var step))
                throw new InvalidDataException($"{Variable}: '{entry}' is not ID-PART:KIND:STEP[:ATTEMPTS]");
            var attempts = p.Length == 4 && int.TryParse(p[3], out var a) ? a : 1;
            if (trialId.Contains(p[0], StringComparison.Ordinal) && attempt <= attempts) return new TrialFault(p[1], step);
        }
        return null;
    }

    /// <summary>Called at every training step; acts at <see cref="Step"/>.</summary>
    public void At(int step)
    {
        if (step != Step) return;
        switch (Kind)
        {
            case "crash": CrashNatively(); break;
            case "hang": Thread.Sleep(Timeout.Infinite); break;
            case "exit": Environment.Exit(7); break;
            case "oom": ExhaustCappedMemory(); break;
            default: throw new InvalidDataException($"{Variable}: unknown fault '{Kind}' (crash, oom, hang, exit)");
        }
    }

    /// <summary>Dies of SIGSEGV as a native fault would: the runtime's own handler (which ignores a raised signal) is
    /// put back to the default first.</summary>
    private static void CrashNatively()
    {
        Signal(SigSegv, IntPtr.Zero); // SIG_DFL
        Raise(SigSegv);
    }

    /// <summary>Caps the address space (RLIMIT_AS) at what the process uses plus a headroom and asks for more than the
    /// headroom in one allocation, which the allocator is refused. The headroom stays free for the runtime's own threads
    /// (a thread that cannot map its stack aborts the process), and the cap is lifted again once the allocation has
    /// failed, so the error is reported as any other.</summary>
    private static void ExhaustCappedMemory()
    {
        const long headroom = 512L << 20;
        var cap = new RLimit { Current = (ulong)(VirtualSize() + headroom), Max = ulong.MaxValue };
        var none = new RLimit { Current = ulong.MaxValue, Max = ulong.MaxValue };
        if (SetRLimit(RLimitAs, ref cap) != 0) throw new InvalidOperationException("setrlimit(RLIMIT_AS) failed");
        try
        {
            using var t = zeros(8 * headroom, dtype: ScalarType.Int8);
        }
        finally
        {
            SetRLimit(RLimitAs, ref none);
        }
        throw new InvalidOperationException("an allocation past RLIMIT_AS succeeded");
    }

    private static long VirtualSize()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmSize:", StringComparison.Ordinal))
                return long.Parse(line["VmSize:".Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException("no VmSize in /proc/self/status");
    }

    private const int RLimitAs = 9, SigSegv = 11;

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    [DllImport("libc", EntryPoint = "raise")]
    private static extern int Raise(int signal);
}
