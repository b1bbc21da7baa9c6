namespace Sweep.Training.Adapters.AdaLora;

/// <summary>What one <see cref="RankAllocator.Update"/> call did.</summary>
/// <param name="Step">The global step passed in.</param>
/// <param name="Budget">The scheduled total rank budget at this step.</param>
/// <param name="Masked">Whether triplets were (re)selected at this step.</param>
/// <param name="Kept">Unmasked triplets over all modules after this step.</param>
/// <param name="TiedAtThreshold">Triplets sharing the threshold score when the selection had an exact tie, else 0.</param>
/// <param name="KeptBeyondBudget">Triplets kept above the budget only because of exact ties.</param>
/// <param name="Final">Whether the final rank pattern is fixed (step ≥ total − tfinal).</param>
public sealed record AllocationStep(int Step, int Budget, bool Masked, int Kept, int TiedAtThreshold, int KeptBeyondBudget, bool Final);
