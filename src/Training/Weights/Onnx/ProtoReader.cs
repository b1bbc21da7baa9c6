using System.Buffers.Binary;
using System.Text;

namespace Sweep.Training.Weights.Onnx;

/// <summary>
/// A forward-only reader of the protobuf wire format: tags (field number, wire type), varints, fixed32/64 and
/// length-delimited fields. Length-delimited payloads are returned as slices of the same buffer (no copies).
/// </summary>
internal sealed class ProtoReader(ReadOnlyMemory<byte> data, string source)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private int _pos;

    public bool AtEnd => _pos >= data.Length;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = (int)(tag >> 3);
        if (field <= 0)
            throw Bad($"field number {field} at byte {_pos}");
        return (field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        var span = data.Span;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= span.Length)
                throw Bad("varint runs past the end (truncated)");
            var b = span[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw Bad("varint longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - _pos))
            throw Bad($"a field of {length} bytes at byte {_pos} runs past the end (truncated)");
        var slice = data.Slice(_pos, (int)length);
        _pos += (int)length;
        return slice;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes().Span);

    public ProtoReader ReadMessage() => new(ReadBytes(), source);

    public float ReadFixed32Float() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Repeated int64 either packed (one length-delimited field) or one varint per occurrence.</summary>
    public void ReadInt64s(int wireType, List<long> into)
    {
        if (wireType == Varint)
        {
            into.Add(ReadInt64());
            return;
        }
        var packed = ReadMessage();
        while (!packed.AtEnd)
            into.Add(packed.ReadInt64());
    }

    /// <summary>Repeated float either packed or one fixed32 per occurrence.</summary>
    public void ReadFloats(int wireType, List<float> into)
    {
        if (wireType == Fixed32)
        {
            into.Add(ReadFixed32Float());
            return;
        }
        var packed = ReadBytes().Span;
        for (var i = 0; i + 4 <= packed.Length; i += 4)
            into.Add(BinaryPrimitives.ReadSingleLittleEndian(packed[i..]));
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Take(8); break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: Take(4); break;
            default: throw Bad($"unsupported wire type {wireType} at byte {_pos}");
        }
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (_pos + n > data.Length)
            throw Bad("fixed-size field runs past the end (truncated)");
        var s = data.Span.Slice(_pos, n);
        _pos += n;
        return s;
    }

    private InvalidInputException Bad(string what) => new($"{source}: corrupt protobuf: {what}");
}
