using TorchSharp;

namespace Sweep.Training.Randomness;

/// <summary>
/// Randomness that belongs to one trial, so that several trials training at once in one process (a silo's slots) give
/// the numbers each gives alone. Libtorch's default generator is process-wide: a training loop instead opens a
/// <see cref="Scope"/> on its thread, seeds it per step, and <see cref="SeededDropout"/> draws from its generator.
/// Model construction still draws initial weights from the default generator, under <see cref="ConstructionLock"/>.
/// CPU only: TorchSharp's <c>Generator</c> is always a CPU generator whatever device it is given, so on CUDA or MPS a
/// scope seeds libtorch's default generators instead, which is reproducible while the device runs one trial at a time
/// (the default: one slot per GPU silo).
/// </summary>
public static class TrialRandom
{
    [ThreadStatic] private static torch.Generator? current;

    /// <summary>Held while seeding the default generator and building a model from it (initial weights, adapter init).</summary>
    public static readonly object ConstructionLock = new();

    /// <summary>The generator of the trial training on this thread; null outside a scope, and on accelerators.</summary>
    public static torch.Generator? Current => current;

    /// <summary>Opens this thread's randomness for a trial training on <paramref name="device"/>, until disposed.</summary>
    public static Scope Begin(torch.Device device) => new(device.type == DeviceType.CPU ? new torch.Generator(0) : null);

    public sealed class Scope : IDisposable
    {
        private readonly torch.Generator? _generator;
        private readonly torch.Generator? _previous;

        internal Scope(torch.Generator? generator)
        {
            _generator = generator;
            _previous = current;
            if (generator is not null) current = generator;
        }

        /// <summary>Seeds what this trial draws from next (its own generator, or libtorch's default ones on an accelerator).</summary>
        public void Seed(long seed)
        {
            if (_generator is not null) _generator.manual_seed(seed);
            else torch.manual_seed(seed);
        }

        public void Dispose()
        {
            if (_generator is null) return;
            current = _previous;
            _generator.Dispose();
        }
    }
}
