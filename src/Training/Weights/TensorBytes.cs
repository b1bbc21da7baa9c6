using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// Moves raw little-endian element bytes between files and CPU tensors, without per-element copies.
/// Both checkpoint formats store tensors this way; this machine and every target (x64, arm64) is little-endian.
/// </summary>
internal static class TensorBytes
{
    /// <summary>A new contiguous CPU tensor of the given shape and dtype, filled from the bytes.</summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> data, long[] shape, ScalarType dtype)
    {
        EnsureLittleEndian();
        var t = empty(shape, dtype);
        if (data.Length > 0)
            data.CopyTo(t.bytes);
        return t;
    }

    /// <summary>A new contiguous CPU tensor whose bytes are read from the file at the given offset.</summary>
    public static Tensor FromFile(SafeFileHandleReader reader, long offset, long[] shape, ScalarType dtype)
    {
        EnsureLittleEndian();
        var t = empty(shape, dtype);
        if (t.NumberOfElements > 0)
            reader.ReadExactly(t.bytes, offset);
        return t;
    }

    /// <summary>A contiguous CPU copy of the tensor, detached, for reading its bytes.</summary>
    public static Tensor CpuContiguous(Tensor t) => t.detach().cpu().contiguous();

    public static long ByteLength(Tensor t) => t.NumberOfElements * t.ElementSize;

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("checkpoint I/O assumes a little-endian machine");
    }
}
