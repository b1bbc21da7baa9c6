using System.Text;

namespace Sweep.Training.Tests.Weights;

/// <summary>Writes protobuf wire format by hand for tests (varint tags, length-delimited fields, packed int64s).</summary>
internal sealed class ProtoBytes
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => _bytes.ToArray();

    public ProtoBytes Varint(int field, long value) => Tag(field, 0).Raw(value);

    public ProtoBytes Bytes(int field, byte[] data) => Tag(field, 2).Raw(data.Length).Add(data);

    public ProtoBytes String(int field, string s) => Bytes(field, Encoding.UTF8.GetBytes(s));

    public ProtoBytes Message(int field, ProtoBytes m) => Bytes(field, m.ToArray());

    public ProtoBytes PackedInt64s(int field, params long[] values)
    {
        var inner = new ProtoBytes();
        foreach (var v in values)
            inner.Raw(v);
        return Bytes(field, inner.ToArray());
    }

    private ProtoBytes Tag(int field, int wire) => Raw((field << 3) | wire);

    private ProtoBytes Raw(long value)
    {
        var v = (ulong)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            _bytes.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
        return this;
    }

    private ProtoBytes Add(byte[] data)
    {
        _bytes.AddRange(data);
        return this;
    }
}
