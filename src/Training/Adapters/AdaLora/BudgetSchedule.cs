namespace Sweep.Training.Adapters.AdaLora;

/// <summary>The total rank budget at one step and whether the allocator masks at that step.</summary>
public readonly record struct BudgetPoint(int Budget, bool Mask);

/// <summary>
/// AdaLoRA's cubic budget schedule (PEFT RankAllocator.budget_schedule), a pure function of the step:
/// steps ≤ tinit keep the initial budget and never mask; steps &gt; total − tfinal hold the target budget and
/// mask; in between the budget falls as target + (init − target)·(1 − (step − tinit)/(total − tfinal − tinit))³
/// (truncated to an integer) and masking happens every deltaT steps.
/// </summary>
public sealed class BudgetSchedule
{
    public BudgetSchedule(int initBudget, int targetBudget, int tinit, int tfinal, int totalStep, int deltaT)
    {
        if (initBudget <= 0)
            throw new InvalidInputException($"adalora init budget (init_r × modules) must be positive, got {initBudget}");
        if (targetBudget < 0 || targetBudget >= initBudget)
            throw new InvalidInputException(
                $"adalora target budget must be at least 0 and below the initial budget {initBudget} (target_r < init_r), got {targetBudget}");
        if (tinit < 0) throw new InvalidInputException($"adalora tinit must be ≥ 0, got {tinit}");
        if (tfinal < 0) throw new InvalidInputException($"adalora tfinal must be ≥ 0, got {tfinal}");
        if (totalStep <= 0) throw new InvalidInputException($"adalora total_step must be positive, got {totalStep}");
        if (tinit + tfinal >= totalStep)
            throw new InvalidInputException(
                $"adalora tinit ({tinit}) + tfinal ({tfinal}) must be below total_step ({totalStep}): no budgeting phase is left");
        if (deltaT <= 0) throw new InvalidInputException($"adalora deltaT must be positive, got {deltaT}");

        InitBudget = initBudget;
        TargetBudget = targetBudget;
        Tinit = tinit;
        Tfinal = tfinal;
        TotalStep = totalStep;
        DeltaT = deltaT;
    }

    public int InitBudget { get; }

    public int TargetBudget { get; }

    public int Tinit { get; }

    public int Tfinal { get; }

    public int TotalStep { get; }

    public int DeltaT { get; }

    /// <summary>The step at which the final mask is fixed (total − tfinal); later steps only re-apply it.</summary>
    public int FinalMaskStep => TotalStep - Tfinal;

    /// <summary>The budget at <paramref name="step"/> and whether to mask there.</summary>
    public BudgetPoint At(int step)
    {
        if (step <= Tinit) return new BudgetPoint(InitBudget, false);
        if (step > TotalStep - Tfinal) return new BudgetPoint(TargetBudget, true);
        var remaining = 1.0 - (double)(step - Tinit) / (TotalStep - Tfinal - Tinit);
        var budget = (int)((InitBudget - TargetBudget) * Math.Pow(remaining, 3) + TargetBudget);
        return new BudgetPoint(budget, step % DeltaT == 0);
    }
}
