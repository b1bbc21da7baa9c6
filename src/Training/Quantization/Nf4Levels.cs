using static TorchSharp.torch;

namespace Sweep.Training.Quantization;

/// <summary>
/// The 16 NormalFloat-4 levels of QLoRA (Dettmers et al., 2023), as bitsandbytes ships them: quantiles of
/// N(0, 1) normalised to [-1, 1], asymmetric so that 0 is exactly representable (7 negative, 8 positive).
/// Index i is the 4-bit code. Values are the float32 numbers bitsandbytes uses.
/// </summary>
public static class Nf4Levels
{
    /// <summary>The code of the level 0.0 (also what padding quantizes to).</summary>
    public const int ZeroCode = 7;

    private static readonly float[] LevelValues =
    [
        -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
        -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
    ];

    /// <summary>A copy of the 16 levels, code order (ascending).</summary>
    public static float[] Values => (float[])LevelValues.Clone();

    /// <summary>
    /// The largest half-gap between neighbouring levels (between -1 and the next level): the worst-case
    /// rounding error of a value normalised to [-1, 1].
    /// </summary>
    public static double MaxHalfGap
    {
        get
        {
            var max = 0.0;
            for (var i = 1; i < LevelValues.Length; i++)
                max = Math.Max(max, ((double)LevelValues[i] - LevelValues[i - 1]) / 2.0);
            return max;
        }
    }

    /// <summary>The levels as a float32 tensor (16) on <paramref name="device"/>.</summary>
    public static Tensor AsTensor(Device? device = null) => tensor(LevelValues, dtype: float32, device: device);
}
