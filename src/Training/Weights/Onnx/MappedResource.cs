using System.Buffers;
using System.Runtime.InteropServices;

namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// An embedded resource read in place: where the runtime hands it out as memory of the mapped assembly image (an
/// <see cref="UnmanagedMemoryStream"/>), <see cref="Bytes"/> is that memory, not a copy; otherwise a copy. Reading it
/// faults the file's pages into the process, where they stay counted in its resident set after the reader is done
/// (MiniLM's ONNX file: 87 MiB for the whole trial). Disposing drops this process's mappings of the whole pages inside
/// the resource (Linux <c>MADV_DONTNEED</c>): they leave its resident set, stay in the kernel's page cache, and are read
/// from the file again if touched. <c>MADV_PAGEOUT</c> would skip pages another process maps too — two trials importing
/// MiniLM at the same moment each kept all 87 MiB. Only where the pages are the file's (a file mapping in
/// <c>/proc/self/maps</c>): where the runtime copied the image into anonymous memory, dropping would zero it, so nothing
/// is done; likewise where the call is unknown. The bytes must not be used after disposal.
/// </summary>
public sealed unsafe class MappedResource : IDisposable
{
    private const int MadvDontneed = 4;
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
        if (InPlace && OperatingSystem.IsLinux()) DropPages();
        _stream.Dispose();
    }

    // Whole pages only: a page the resource shares with other data of the image is left alone.
    private void DropPages()
    {
        var page = Environment.SystemPageSize;
        var first = ((long)_start + page - 1) / page * page;
        var end = ((long)_start + _length) / page * page;
        string maps;
        try { maps = File.ReadAllText("/proc/self/maps"); }
        catch (IOException) { return; }
        if (end <= first || !FileBacked(maps, first, end)) return;
        try { _ = Madvise((nint)first, (nuint)(end - first), MadvDontneed); }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>Whether the mappings in <paramref name="maps"/> (the text of <c>/proc/PID/maps</c>) cover
    /// [<paramref name="first"/>, <paramref name="end"/>) without a gap, each one a file's (an inode and a path).</summary>
    public static bool FileBacked(string maps, long first, long end)
    {
        var covered = first;
        foreach (var line in maps.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // start-end perms offset dev inode [path]
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var range = fields[0].Split('-');
            if (fields.Length < 5 || range.Length != 2) continue;
            var (from, to) = (Convert.ToInt64(range[0], 16), Convert.ToInt64(range[1], 16));
            if (to <= covered || from >= end) continue;
            if (from > covered) return false;                                  // a gap
            if (fields[4] == "0" || fields.Length < 6 || !fields[5].StartsWith('/')) return false;
            covered = to;
            if (covered >= end) return true;
        }
        return false;
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
