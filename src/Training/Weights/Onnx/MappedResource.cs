using System.Buffers;
using System.Runtime.InteropServices;

namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// An embedded resource read in place: where the runtime hands it out as memory of the mapped assembly image (an
/// <see cref="UnmanagedMemoryStream"/>), <see cref="Bytes"/> is that memory, not a copy; otherwise a copy. Reading it
/// faults the file's pages into the process, where they stay counted in its resident set after the reader is done
/// (MiniLM's ONNX file: 87 MiB for the whole trial). Disposing asks the kernel to reclaim them (Linux
/// <c>MADV_PAGEOUT</c>: the pages are dropped, their contents stay the file's and come back if read again); best
/// effort, nothing changes where the call is unknown. The bytes must not be used after disposal.
/// </summary>
public sealed unsafe class MappedResource : IDisposable
{
    private const int MadvPageout = 21;
    private readonly Stream _stream;
    private readonly byte* _start;
    private readonly long _length;

    public MappedResource(Stream stream)
    {
        _stream = stream;
        if (stream is UnmanagedMemoryStream mapped && mapped.Length <= int.MaxValue)
        {
            _start = mapped.PositionPointer;
            _length = mapped.Length;
            Bytes = new PointerMemory(_start, (int)_length).Memory;
        }
        else
        {
            var copy = new byte[stream.Length];
            stream.ReadExactly(copy);
            Bytes = copy;
        }
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Whether <see cref="Bytes"/> is the mapped image itself (no copy was made).</summary>
    public bool InPlace => _start != null;

    public void Dispose()
    {
        if (InPlace && OperatingSystem.IsLinux())
        {
            var page = Environment.SystemPageSize;
            var first = (long)_start / page * page; // madvise takes whole pages
            try { _ = Madvise((nint)first, (nuint)((long)_start + _length - first), MadvPageout); }
            catch (EntryPointNotFoundException) { }
        }
        _stream.Dispose();
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);

    /// <summary>Memory over native bytes that outlive it (the mapped image stays mapped while the assembly is loaded).</summary>
    private sealed class PointerMemory(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);
        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }
    }
}
