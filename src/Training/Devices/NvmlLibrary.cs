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

    public static bool TryExport<T>(IntPtr library, string name, out T function) where T : Delegate
    {
        function = null!;
        if (!NativeLibrary.TryGetExport(library, name, out var address)) return false;
        function = Marshal.GetDelegateForFunctionPointer<T>(address);
        return true;
    }
}
