using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// The signed 8-bit "dynamic" code bitsandbytes uses by default for blockwise 8-bit quantization (and so
/// for QLoRA's double quantization of the absmax constants): 7 exponent bands 10^-6 … 10^0, band i holding
/// 2^i midpoints of a linear split of [0.1, 1] (and their negatives), plus 0 and 1 — 256 sorted values.
/// Built with the same float32 tensor ops bitsandbytes uses (linspace, midpoints), then scaled in double
/// and rounded to float32 as bitsandbytes' list → tensor round trip does.
/// </summary>
public static class DynamicMap8Bit
{
    private const int ExponentBands = 7;

    private static readonly Lazy<float[]> Map = new(Build);

    /// <summary>A copy of the 256 code values, ascending; the index is the 8-bit code.</summary>
    public static float[] Values => (float[])Map.Value.Clone();

    /// <summary>The code as a float32 tensor (256) on <paramref name="device"/>.</summary>
    public static Tensor AsTensor(Device? device = null) => tensor(Map.Value, dtype: float32, device: device);

    private static float[] Build()
    {
        var values = new List<float>(256);
        using (NewDisposeScope())
        {
            for (var band = 0; band < ExponentBands; band++)
            {
                var items = (1 << band) + 1;                                // boundaries in this band
                var boundaries = linspace(0.1, 1.0, items, dtype: float32); // (items)
                var means = (boundaries.narrow(0, 0, items - 1) + boundaries.narrow(0, 1, items - 1)) / 2.0f; // (items - 1)
                var scale = Math.Pow(10, -(ExponentBands - 1) + band);
                foreach (var m in means.data<float>().ToArray())
                {
                    values.Add((float)(scale * m));
                    values.Add((float)(-scale * m));
                }
            }
        }
        values.Add(0f);
        values.Add(1f);
        if (values.Count != 256)
            throw new InvalidOperationException($"dynamic map has {values.Count} values, expected 256");
        values.Sort();
        return values.ToArray();
    }
}
