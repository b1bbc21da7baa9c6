using System.Runtime.InteropServices;

namespace Sweep.Training.Tests.Memory;

/// <summary>
/// Bytes the process's native heap has handed out and not taken back, as glibc counts them (<c>mallinfo2</c>: in-use
/// chunks of every arena plus mapped chunks). libtorch's CPU allocator takes every tensor from malloc and frees it at
/// once, so a difference of two readings is what the tensors made in between still hold.
/// </summary>
internal static class NativeHeapInUse
{
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 Read();

    public static long Bytes()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("counting native heap bytes needs glibc's mallinfo2 (Linux)");
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers(); // tensors whose handles were dropped free their memory in finalizers
            var m = Read();
            return (long)(m.UordBlks + m.HBlkHd);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new PlatformNotSupportedException("this libc has no mallinfo2 (glibc 2.33 or later has it)", e);
        }
    }
}
