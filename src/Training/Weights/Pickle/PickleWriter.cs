using System.Buffers.Binary;
using System.Text;
using static Sweep.Training.Weights.Pickle.PickleOpcodes;

namespace Sweep.Training.Weights.Pickle;

/// <summary>
/// Emits protocol-2 pickle opcodes, the protocol <c>torch.save</c> uses. Globals are memoized on first use and
/// recalled with BINGET afterwards, as CPython's pickler does.
/// </summary>
public sealed class PickleWriter
{
    private readonly MemoryStream _out = new();
    private readonly Dictionary<PickleGlobal, int> _globals = [];
    private int _memo;

    public PickleWriter() => Op(Proto).Byte(2);

    public byte[] Finish()
    {
        Op(Stop);
        return _out.ToArray();
    }

    public PickleWriter Op(byte op)
    {
        _out.WriteByte(op);
        return this;
    }

    public PickleWriter Global(string module, string name)
    {
        var g = new PickleGlobal(module, name);
        if (_globals.TryGetValue(g, out var slot))
            return Recall(slot);
        Op(PickleOpcodes.Global);
        _out.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        _globals[g] = _memo;
        return Memoize();
    }

    public PickleWriter String(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Op(BinUnicode);
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)bytes.Length);
        _out.Write(len);
        _out.Write(bytes);
        return this;
    }

    public PickleWriter Int(long v)
    {
        Span<byte> b = stackalloc byte[8];
        if (v is >= 0 and <= byte.MaxValue)
            return Op(BinInt1).Byte((byte)v);
        if (v is >= 0 and <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            Op(BinInt2)._out.Write(b[..2]);
            return this;
        }
        if (v is >= int.MinValue and <= int.MaxValue)
        {
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            Op(BinInt)._out.Write(b[..4]);
            return this;
        }
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        Op(Long1).Byte(8)._out.Write(b);
        return this;
    }

    public PickleWriter Bool(bool v) => Op(v ? NewTrue : NewFalse);

    /// <summary>A tuple of ints (sizes, strides), with the short tuple opcodes for up to three items.</summary>
    public PickleWriter IntTuple(IReadOnlyList<long> items)
    {
        if (items.Count == 0)
            return Op(EmptyTuple);
        if (items.Count > 3)
            Op(Mark);
        foreach (var i in items)
            Int(i);
        return Op(items.Count switch { 1 => Tuple1, 2 => Tuple2, 3 => Tuple3, _ => PickleOpcodes.Tuple });
    }

    /// <summary>Stores the top of the stack in the next memo slot (BINPUT / LONG_BINPUT).</summary>
    public PickleWriter Memoize()
    {
        var slot = _memo++;
        if (slot <= byte.MaxValue)
            return Op(BinPut).Byte((byte)slot);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)slot);
        Op(LongBinPut)._out.Write(b);
        return this;
    }

    private PickleWriter Recall(int slot)
    {
        if (slot <= byte.MaxValue)
            return Op(BinGet).Byte((byte)slot);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)slot);
        Op(LongBinGet)._out.Write(b);
        return this;
    }

    private PickleWriter Byte(byte b)
    {
        _out.WriteByte(b);
        return this;
    }
}
