namespace Sweep.Training.Weights;

/// <summary>What a successful load did: how many model tensors came from the checkpoint, which were filled from the
/// tensor they are tied to, which kept their fresh initialisation, and which stored keys were ignored.</summary>
public sealed record StateDictLoadReport(
    int Loaded,
    IReadOnlyList<string> FilledFromTied,
    IReadOnlyList<string> NewlyInitialised,
    IReadOnlyList<string> IgnoredStoredKeys);
