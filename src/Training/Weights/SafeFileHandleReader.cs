using Microsoft.Win32.SafeHandles;

namespace Sweep.Training.Weights;

/// <summary>Positional reads from a file, each one complete or a truncation error naming the file.</summary>
internal sealed class SafeFileHandleReader : IDisposable
{
    private readonly SafeFileHandle _handle;

    public SafeFileHandleReader(string path)
    {
        Path = path;
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: cannot open: {e.Message}");
        }
        Length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public long Length { get; }

    public void ReadExactly(Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_handle, buffer[done..], offset + done);
            if (n == 0)
                throw new InvalidInputException(
                    $"{Path}: truncated: needed {buffer.Length} bytes at offset {offset}, file has {Length} bytes");
            done += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
