using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using static Sweep.Training.Weights.Pickle.PickleOpcodes;

namespace Sweep.Training.Weights.Pickle;

/// <summary>
/// A pickle virtual machine for data (protocols 0–5, binary opcodes), enough for PyTorch checkpoints.
/// Nothing is imported or executed: GLOBALs become <see cref="PickleGlobal"/>; REDUCE/NEWOBJ ask
/// <see cref="Call"/> (which may build a value for a known callable) and otherwise make an inert
/// <see cref="PickleObject"/>; persistent ids go to <see cref="PersistentLoad"/>.
/// Values: null, bool, long, BigInteger, double, string, byte[], object?[] (tuple), List&lt;object?&gt;,
/// <see cref="PickleDict"/>, HashSet&lt;object?&gt;, <see cref="PickleGlobal"/>, <see cref="PickleObject"/>.
/// </summary>
public sealed class PickleReader(string source)
{
    /// <summary>Builds the value of <c>callable(*args)</c> for callables the caller knows; null to fall back.</summary>
    public Func<PickleGlobal, object?[], object?>? Call { get; init; }

    /// <summary>Resolves a persistent id (the object after BINPERSID) to a value.</summary>
    public Func<object?, object?>? PersistentLoad { get; init; }

    public object? Load(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        return Load(data, ref pos);
    }

    /// <summary>Runs one pickle starting at <paramref name="pos"/>; on return <paramref name="pos"/> is just past its STOP.</summary>
    public object? Load(ReadOnlySpan<byte> data, ref int pos)
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();

        while (true)
        {
            if (pos >= data.Length)
                throw Bad("ends without STOP (truncated)");
            var op = data[pos++];
            switch (op)
            {
                case Proto: pos += 1; break;
                case Frame: pos += 8; break;
                case Stop:
                    if (stack.Count != 1)
                        throw Bad($"STOP with {stack.Count} values on the stack");
                    return stack[0];
                case Mark: marks.Push(stack.Count); break;
                case Pop:
                    if (stack.Count > 0 && (marks.Count == 0 || marks.Peek() < stack.Count))
                        Pop1(stack);
                    else
                        PopMarked(stack, marks);
                    break;
                case PopMark: PopMarked(stack, marks); break;
                case Dup: stack.Add(Peek(stack)); break;
                case None: stack.Add(null); break;
                case NewTrue: stack.Add(true); break;
                case NewFalse: stack.Add(false); break;
                case BinInt: stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref pos, 4))); break;
                case BinInt1: stack.Add((long)Take(data, ref pos, 1)[0]); break;
                case BinInt2: stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(data, ref pos, 2))); break;
                case Long1: stack.Add(ReadLong(Take(data, ref pos, Take(data, ref pos, 1)[0]))); break;
                case Long4: stack.Add(ReadLong(Take(data, ref pos, Length32(data, ref pos)))); break;
                case BinFloat: stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref pos, 8))); break;
                case BinUnicode: stack.Add(Utf8(Take(data, ref pos, Length32(data, ref pos)))); break;
                case ShortBinUnicode: stack.Add(Utf8(Take(data, ref pos, Take(data, ref pos, 1)[0]))); break;
                case BinUnicode8: stack.Add(Utf8(Take(data, ref pos, Length64(data, ref pos)))); break;
                case BinString: stack.Add(Latin1(Take(data, ref pos, Length32(data, ref pos)))); break;
                case ShortBinString: stack.Add(Latin1(Take(data, ref pos, Take(data, ref pos, 1)[0]))); break;
                case BinBytes: stack.Add(Take(data, ref pos, Length32(data, ref pos)).ToArray()); break;
                case ShortBinBytes: stack.Add(Take(data, ref pos, Take(data, ref pos, 1)[0]).ToArray()); break;
                case BinBytes8: stack.Add(Take(data, ref pos, Length64(data, ref pos)).ToArray()); break;
                case EmptyTuple: stack.Add(Array.Empty<object?>()); break;
                case Tuple1: stack.Add(PopN(stack, 1)); break;
                case Tuple2: stack.Add(PopN(stack, 2)); break;
                case Tuple3: stack.Add(PopN(stack, 3)); break;
                case PickleOpcodes.Tuple: stack.Add(PopMarked(stack, marks).ToArray()); break;
                case EmptyList: stack.Add(new List<object?>()); break;
                case PickleOpcodes.List: stack.Add(PopMarked(stack, marks)); break;
                case Append: { var v = Pop1(stack); AsList(Peek(stack)).Add(v); break; }
                case Appends: { var vs = PopMarked(stack, marks); AsList(Peek(stack)).AddRange(vs); break; }
                case EmptyDict: stack.Add(new PickleDict()); break;
                case Dict: { var d = new PickleDict(); SetPairs(d, PopMarked(stack, marks)); stack.Add(d); break; }
                case SetItem: { var v = Pop1(stack); var k = Pop1(stack); AsDict(Peek(stack)).Set(k, v); break; }
                case SetItems: { var kvs = PopMarked(stack, marks); SetPairs(AsDict(Peek(stack)), kvs); break; }
                case EmptySet: stack.Add(new HashSet<object?>()); break;
                case AddItems: { var vs = PopMarked(stack, marks); AsSet(Peek(stack)).UnionWith(vs); break; }
                case FrozenSet: stack.Add(new HashSet<object?>(PopMarked(stack, marks))); break;
                case Global: stack.Add(new PickleGlobal(Line(data, ref pos), Line(data, ref pos))); break;
                case StackGlobal:
                {
                    var name = Pop1(stack) as string ?? throw Bad("STACK_GLOBAL name is not a string");
                    var module = Pop1(stack) as string ?? throw Bad("STACK_GLOBAL module is not a string");
                    stack.Add(new PickleGlobal(module, name));
                    break;
                }
                case Reduce:
                case NewObj:
                {
                    var args = Pop1(stack) as object?[] ?? throw Bad("REDUCE/NEWOBJ arguments are not a tuple");
                    var callable = Pop1(stack) as PickleGlobal ?? throw Bad("REDUCE/NEWOBJ callable is not a global");
                    stack.Add(Call?.Invoke(callable, args) ?? new PickleObject(callable, args));
                    break;
                }
                case Build:
                {
                    var state = Pop1(stack);
                    switch (Peek(stack))
                    {
                        case PickleObject o: o.State = state; break;
                        case PickleDict d: d.State = state; break;
                        default: break; // e.g. a tensor rebuilt by Call: its state (hooks) is irrelevant to weights
                    }
                    break;
                }
                case BinPersId:
                {
                    var pid = Pop1(stack);
                    stack.Add(PersistentLoad is null ? throw Bad("persistent id without a loader") : PersistentLoad(pid));
                    break;
                }
                case PersId: stack.Add(PersistentLoad is null ? throw Bad("persistent id without a loader") : PersistentLoad(Line(data, ref pos))); break;
                case BinPut: memo[Take(data, ref pos, 1)[0]] = Peek(stack); break;
                case LongBinPut: memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4))] = Peek(stack); break;
                case Put: memo[long.Parse(Line(data, ref pos))] = Peek(stack); break;
                case Memoize: memo[memo.Count] = Peek(stack); break;
                case BinGet: stack.Add(Recall(memo, Take(data, ref pos, 1)[0])); break;
                case LongBinGet: stack.Add(Recall(memo, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4)))); break;
                case Get: stack.Add(Recall(memo, long.Parse(Line(data, ref pos)))); break;
                default:
                    throw Bad($"unsupported opcode 0x{op:x2} at byte {pos - 1}");
            }
        }
    }

    private InvalidInputException Bad(string what) => new($"{source}: corrupt or unsupported pickle: {what}");

    private ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int pos, long n)
    {
        if (n < 0 || pos + n > data.Length)
            throw Bad($"needs {n} bytes at {pos}, only {data.Length - pos} left (truncated)");
        var s = data.Slice(pos, (int)n);
        pos += (int)n;
        return s;
    }

    private long Length32(ReadOnlySpan<byte> data, ref int pos) => BinaryPrimitives.ReadUInt32LittleEndian(Take(data, ref pos, 4));

    private long Length64(ReadOnlySpan<byte> data, ref int pos) => BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref pos, 8));

    private string Line(ReadOnlySpan<byte> data, ref int pos)
    {
        var rest = data[pos..];
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
            throw Bad("unterminated text argument");
        pos += end + 1;
        return Latin1(rest[..end]);
    }

    private static string Utf8(ReadOnlySpan<byte> b) => Encoding.UTF8.GetString(b);

    private static string Latin1(ReadOnlySpan<byte> b) => Encoding.Latin1.GetString(b);

    /// <summary>Little-endian two's complement, as LONG1/LONG4 store it; a long when it fits.</summary>
    private static object ReadLong(ReadOnlySpan<byte> b)
    {
        var v = new BigInteger(b, isUnsigned: false, isBigEndian: false);
        return v >= long.MinValue && v <= long.MaxValue ? (long)v : v;
    }

    private object? Recall(Dictionary<long, object?> memo, long key) =>
        memo.TryGetValue(key, out var v) ? v : throw Bad($"memo key {key} read before it was written");

    private object? Peek(List<object?> stack) =>
        stack.Count > 0 ? stack[^1] : throw Bad("stack underflow");

    private object? Pop1(List<object?> stack)
    {
        var v = Peek(stack);
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private object?[] PopN(List<object?> stack, int n)
    {
        if (stack.Count < n)
            throw Bad("stack underflow");
        var items = stack.GetRange(stack.Count - n, n).ToArray();
        stack.RemoveRange(stack.Count - n, n);
        return items;
    }

    private List<object?> PopMarked(List<object?> stack, Stack<int> marks)
    {
        if (marks.Count == 0)
            throw Bad("no MARK to pop to");
        var at = marks.Pop();
        var items = stack.GetRange(at, stack.Count - at);
        stack.RemoveRange(at, stack.Count - at);
        return items;
    }

    private void SetPairs(PickleDict d, List<object?> kvs)
    {
        if (kvs.Count % 2 != 0)
            throw Bad("odd number of items for a dict");
        for (var i = 0; i < kvs.Count; i += 2)
            d.Set(kvs[i], kvs[i + 1]);
    }

    private List<object?> AsList(object? o) => o as List<object?> ?? throw Bad("APPEND to a non-list");

    private PickleDict AsDict(object? o) => o as PickleDict ?? throw Bad("SETITEM on a non-dict");

    private HashSet<object?> AsSet(object? o) => o as HashSet<object?> ?? throw Bad("ADDITEMS on a non-set");
}
