using System.Globalization;

namespace Sweep.Training.Models;

/// <summary>
/// A model shape whose parameters could not fit in this machine's memory is bad input, refused before anything is
/// allocated (the native allocator would otherwise fail with its own message).
/// </summary>
public static class ModelSizeCheck
{
    private const double BytesPerParameter = 4; // float32 weights, before gradients and optimizer state

    /// <param name="parameters">the shape's parameter count (an estimate is enough: the bound is coarse).</param>
    /// <param name="fields">the fields that set the size, named in the message.</param>
    public static void Fits(double parameters, string source, string fields)
    {
        var available = (double)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var needed = parameters * BytesPerParameter;
        if (double.IsFinite(needed) && needed <= available) return;
        throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
            $"{source}: the model would have about {parameters:G3} parameters ({needed / (1L << 30):G3} GiB as float32), more than this machine's memory ({available / (1L << 30):F1} GiB); check {fields}"));
    }
}
