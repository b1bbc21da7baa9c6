using System.Runtime.InteropServices;

namespace Sweep.Training.Devices;

/// <summary>
/// Device memory a process holds on a CUDA device, as the driver accounts it (NVML's
/// <c>nvmlDeviceGetComputeRunningProcesses_v3</c>: the process's CUDA context, libtorch's caching allocator's reserved
/// blocks and its kernels' workspaces; not what tensors alone occupy). Null where NVML is missing (every CPU machine),
/// errs, lists no such process, or cannot tell (MIG, some virtualised GPUs).
/// </summary>
public static class CudaProcessMemory
{
    /// <summary>NVML's NVML_VALUE_NOT_AVAILABLE for a process's used memory.</summary>
    public const ulong NotAvailable = ulong.MaxValue;

    /// <summary>One entry of NVML's process list (nvmlProcessInfo_t).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ProcessInfo
    {
        public uint Pid;
        public ulong UsedGpuMemory;
        public uint GpuInstanceId;
        public uint ComputeInstanceId;
    }

    /// <summary>The bytes <paramref name="pid"/> holds among <paramref name="processes"/>, summed over its entries; null when it
    /// is not listed or NVML cannot tell its memory.</summary>
    public static long? UsedBy(IEnumerable<ProcessInfo> processes, int pid)
    {
        long? total = null;
        foreach (var p in processes)
        {
            if (p.Pid != (uint)pid) continue;
            if (p.UsedGpuMemory == NotAvailable) return null;
            total = (total ?? 0) + (long)p.UsedGpuMemory;
        }
        return total;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int RunningProcesses(IntPtr device, ref uint count, [Out] ProcessInfo[]? infos);

    /// <summary>The device memory <paramref name="pid"/> holds on device <paramref name="index"/> now, or null (see the class).</summary>
    public static long? Query(int index, int pid) =>
        NvmlLibrary.OnDevice<long>(index, (library, device) =>
        {
            if (!NvmlLibrary.TryExport<RunningProcesses>(library, "nvmlDeviceGetComputeRunningProcesses_v3", out var running)) return null;
            var infos = new ProcessInfo[64];
            var count = (uint)infos.Length;
            if (running(device, ref count, infos) != 0) return null; // too many processes (NVML_ERROR_INSUFFICIENT_SIZE) counts as unknown
            return UsedBy(infos.Take((int)Math.Min(count, (uint)infos.Length)), pid);
        });
}
