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
    private delegate int MemoryInfo(IntPtr device, out NvmlMemory memory);

    /// <summary>(free, total) bytes of device <paramref name="index"/>, or null when NVML cannot tell.</summary>
    public static (long Free, long Total)? Query(int index) =>
        NvmlLibrary.OnDevice<(long, long)>(index, (library, device) =>
            NvmlLibrary.TryExport<MemoryInfo>(library, "nvmlDeviceGetMemoryInfo", out var memoryInfo) && memoryInfo(device, out var m) == 0
                ? ((long)m.Free, (long)m.Total)
                : null);
}
