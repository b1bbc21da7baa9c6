using System.Runtime.InteropServices;

namespace Sweep.Training.Devices;

/// <summary>
/// Free and total memory of a CUDA device, read through NVML (the NVIDIA driver's management library, present
/// wherever the driver is). TorchSharp exposes no memory query, and NVML needs no CUDA context, so probing does
/// not allocate on the device. Null where the driver library is missing or answers with an error.
/// </summary>
public static class CudaMemoryInfo
{
    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NoArgs();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int HandleByIndex(uint index, out IntPtr device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MemoryInfo(IntPtr device, out NvmlMemory memory);

    /// <summary>(free, total) bytes of device <paramref name="index"/>, or null when NVML cannot tell.</summary>
    public static (long Free, long Total)? Query(int index)
    {
        if (!NvmlLibrary.TryLoad(out var library)) return null;
        try
        {
            if (!NvmlLibrary.TryExport<NoArgs>(library, "nvmlInit_v2", out var init)
                || !NvmlLibrary.TryExport<NoArgs>(library, "nvmlShutdown", out var shutdown)
                || !NvmlLibrary.TryExport<HandleByIndex>(library, "nvmlDeviceGetHandleByIndex_v2", out var handleByIndex)
                || !NvmlLibrary.TryExport<MemoryInfo>(library, "nvmlDeviceGetMemoryInfo", out var memoryInfo))
                return null;
            if (init() != 0) return null;
            try
            {
                if (handleByIndex((uint)index, out var device) != 0) return null;
                if (memoryInfo(device, out var m) != 0) return null;
                return ((long)m.Free, (long)m.Total);
            }
            finally
            {
                shutdown();
            }
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }
}
