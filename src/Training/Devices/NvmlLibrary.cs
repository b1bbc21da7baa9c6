using System.Runtime.InteropServices;

namespace Sweep.Training.Devices;

/// <summary>Loads NVML, the NVIDIA driver's management library, by the names the driver and the toolkit install.</summary>
public static class NvmlLibrary
{
    /// <summary>The driver installs NVML as libnvidia-ml.so.1; the unversioned name comes only with the toolkit.</summary>
    private static readonly string[] Names = ["libnvidia-ml.so.1", "libnvidia-ml.so", "nvml.dll"];

    /// <summary>False where no NVML library loads (machines without the NVIDIA driver); free a loaded one with NativeLibrary.Free.</summary>
    public static bool TryLoad(out IntPtr library)
    {
        library = IntPtr.Zero;
        foreach (var name in Names)
            if (NativeLibrary.TryLoad(name, out library)) return true;
        return false;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NoArgs();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int HandleByIndex(uint index, out IntPtr device);

    /// <summary>
    /// Loads NVML, initialises it, finds device <paramref name="index"/> and answers <paramref name="read"/>(library, device),
    /// then shuts NVML down and frees it. Null where the library is missing, an export is absent or a call errs (the
    /// reader returns null for its own errors).
    /// </summary>
    public static T? OnDevice<T>(int index, Func<IntPtr, IntPtr, T?> read) where T : struct
    {
        if (!TryLoad(out var library)) return null;
        try
        {
            if (!TryExport<NoArgs>(library, "nvmlInit_v2", out var init)
                || !TryExport<NoArgs>(library, "nvmlShutdown", out var shutdown)
                || !TryExport<HandleByIndex>(library, "nvmlDeviceGetHandleByIndex_v2", out var handleByIndex))
                return null;
            if (init() != 0) return null;
            try { return handleByIndex((uint)index, out var device) != 0 ? null : read(library, device); }
            finally { shutdown(); }
        }
        finally { NativeLibrary.Free(library); }
    }

    public static bool TryExport<T>(IntPtr library, string name, out T function) where T : Delegate
    {
        function = null!;
        if (!NativeLibrary.TryGetExport(library, name, out var address)) return false;
        function = Marshal.GetDelegateForFunctionPointer<T>(address);
        return true;
    }
}
