using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>Which of NF4's integer operations a device kind runs correctly, split by the phase that needs them.</summary>
/// <param name="MissingQuantizeOps">Ops quantization needs that failed or disagreed with the CPU; empty when all work.</param>
/// <param name="MissingDequantizeOps">Ops each forward's dequantization needs that failed or disagreed with the CPU.</param>
public sealed record Nf4DeviceSupport(IReadOnlyList<string> MissingQuantizeOps, IReadOnlyList<string> MissingDequantizeOps)
{
    public static readonly Nf4DeviceSupport Full = new([], []);

    /// <summary>False: quantize on the CPU and move the codes to the device (once per layer, at model load).</summary>
    public bool QuantizeOnDevice => MissingQuantizeOps.Count == 0;

    /// <summary>False: dequantize on the CPU and upload the rebuilt weight (every forward; slow, but right).</summary>
    public bool DequantizeOnDevice => MissingDequantizeOps.Count == 0;
}

/// <summary>
/// Checks NF4's integer and bit-level operations on a device kind once per process: each op runs on a small input on
/// the device and must match the CPU (the reference, which needs no check). Accelerator backends have gaps in integer
/// kernels (MPS has had missing or wrong int64 and uint8 ops across releases), and a wrong code silently corrupts
/// every weight, so a mismatch counts as missing.
/// </summary>
public static class Nf4DeviceOps
{
    /// <summary>Op names as reported (and as <c>docs/workers.md</c> lists them).</summary>
    public const string Bucketize = "bucketize float32 → int32 (nearest code)";
    public const string ToUInt8 = "int32 → uint8 cast (codes)";
    public const string PackBytes = "uint8 multiply-add (two codes per byte)";
    public const string ToInt32 = "uint8 → int32 cast (byte indices)";
    public const string Lookup = "index_select of complex64 pairs with int32 indices (code-book lookup)";
    public const string FloorDivRemainder = "int64 floor division and remainder (unpack nibbles)";

    private static readonly ConcurrentDictionary<DeviceType, Nf4DeviceSupport> Cache = new();

    public static Nf4DeviceSupport Check(Device device) =>
        device.type == DeviceType.CPU ? Nf4DeviceSupport.Full : Cache.GetOrAdd(device.type, _ => Probe(device));

    /// <summary>Runs every op on <paramref name="device"/> against the CPU, uncached.</summary>
    public static Nf4DeviceSupport Probe(Device device)
    {
        var quantize = new List<string>();
        var dequantize = new List<string>();
        void Try(List<string> missing, string name, Func<Device, Tensor> op)
        {
            try
            {
                using var scope = NewDisposeScope();
                if (!Same(op(CPU), op(device).cpu())) missing.Add(name);
            }
            catch (Exception)
            {
                missing.Add(name);
            }
        }
        Try(quantize, Bucketize, d => bucketize(Values(d), Bounds(d), outInt32: true));
        Try(quantize, ToUInt8, d => Codes(d).to(int32).to(uint8));
        Try(quantize, PackBytes, d => { var c = Codes(d).view(-1, 2); return c.select(1, 0) * 16 + c.select(1, 1); });
        Try(dequantize, ToInt32, d => Bytes(d).to(int32));
        Try(dequantize, Lookup, d => view_as_real(view_as_complex(Table(d)).index_select(0, Bytes(d).to(int32))));
        Try(dequantize, FloorDivRemainder, d => { var b = Bytes(d).to(int64); return stack(new[] { b.div(16, RoundingMode.floor), b.remainder(16) }, 1); });
        return new Nf4DeviceSupport(quantize, dequantize);
    }

    /// <summary>Same dtype, shape and every value: codes must match exactly, not within a tolerance.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
    }

    private static Tensor Values(Device d) => linspace(-1.2, 1.2, 97, dtype: float32, device: d);
    private static Tensor Bounds(Device d) => tensor(Nf4Levels.Values, dtype: float32, device: d).narrow(0, 0, 15);
    // Integer inputs are made on the CPU and copied over, so a missing cast on the device cannot spoil them.
    private static Tensor Codes(Device d) => arange(0, 16, dtype: uint8).repeat(4).to(d);
    private static Tensor Bytes(Device d) => tensor(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), dtype: uint8).to(d);
    private static Tensor Table(Device d) => arange(0, 512, dtype: float32, device: d).view(256, 2);
}
