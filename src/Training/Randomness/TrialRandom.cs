using TorchSharp;

namespace Sweep.Training.Randomness;

/// <summary>
/// Randomness that belongs to one trial, so that several trials training at once in one process (a silo's slots) give
/// the numbers each gives alone. Libtorch's default generator is process-wide: the training loop instead seeds a
/// generator of its own per step and makes it current on its thread, where <see cref="SeededDropout"/> draws from it.
/// Model construction still draws initial weights from the default generator, under <see cref="ConstructionLock"/>.
/// CPU only: TorchSharp's <c>Generator</c> is always a CPU generator whatever device it is given, so a trial on CUDA or
/// MPS seeds libtorch's default generators per step, which is reproducible while its device runs one trial at a time
/// (the default: one slot per GPU silo).
/// </summary>
public static class TrialRandom
{
    [ThreadStatic] private static torch.Generator? current;

    /// <summary>Held while seeding the default generator and building a model from it (initial weights, adapter init).</summary>
    public static readonly object ConstructionLock = new();

    /// <summary>The generator of the trial training on this thread; null outside a training loop.</summary>
    public static torch.Generator? Current => current;

    /// <summary>Makes <paramref name="generator"/> current on this thread until the result is disposed.</summary>
    public static IDisposable Use(torch.Generator generator)
    {
        var previous = current;
        current = generator;
        return new Restore(previous);
    }

    private sealed class Restore(torch.Generator? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
