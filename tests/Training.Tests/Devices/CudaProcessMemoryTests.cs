using Sweep.Training.Devices;
using static Sweep.Training.Devices.CudaProcessMemory;

namespace Sweep.Training.Tests.Devices;

/// <summary>Reading a process's device memory out of NVML's process list, and staying null where there is no NVML.</summary>
[Category(Category.Unit)]
public sealed class CudaProcessMemoryTests
{
    private static ProcessInfo P(uint pid, ulong used) => new() { Pid = pid, UsedGpuMemory = used };

    [Fact]
    public void The_process_is_found_by_pid_and_its_entries_are_summed()
    {
        Assert.Equal(300L << 20, UsedBy([P(7, 100 << 20), P(42, 300 << 20), P(9, 5)], 42));
        Assert.Equal(12, UsedBy([P(42, 5), P(42, 7)], 42)); // one entry per context (e.g. per GPU instance)
    }

    [Fact]
    public void An_unlisted_process_or_memory_NVML_cannot_tell_is_null()
    {
        Assert.Null(UsedBy([P(7, 100)], 42));
        Assert.Null(UsedBy([], 42));
        Assert.Null(UsedBy([P(42, 5), P(42, NotAvailable)], 42));
    }

    [Fact]
    public void Without_the_driver_library_the_query_is_null_rather_than_a_failure()
    {
        if (NvmlLibrary.TryLoad(out var library))
        {
            System.Runtime.InteropServices.NativeLibrary.Free(library);
            return; // a machine with the NVIDIA driver: the GPU path applies, not this one
        }
        Assert.Null(Query(0, Environment.ProcessId));
        Assert.Null(CudaMemoryInfo.Query(0));
    }
}
