using System.Security.Cryptography;

namespace Sweep.Grains.Artifacts;

/// <summary>
/// A read-only stream that hashes what passes through it and, at its end, throws <see cref="ArtifactCorruptException"/> when
/// the SHA-256 or the length differs from what was stored: a reader that reads to the end never accepts altered bytes.
/// </summary>
public sealed class VerifyingStream(Stream inner, string expectedSha256, long expectedLength, string key) : Stream
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _checked;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            _sha.AppendData(buffer[..n]);
            _read += n;
        }
        else if (buffer.Length > 0) Check();
        return n;
    }

    private void Check()
    {
        if (_checked) return;
        _checked = true;
        if (_read != expectedLength) throw new ArtifactCorruptException(key, $"read {_read} bytes, stored {expectedLength}");
        var actual = Convert.ToHexStringLower(_sha.GetHashAndReset());
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ArtifactCorruptException(key, $"content hash {actual[..12]}… does not match the stored {expectedSha256[..Math.Min(12, expectedSha256.Length)]}… (corrupted in storage)");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => expectedLength;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _sha.Dispose();
        }
        base.Dispose(disposing);
    }
}
