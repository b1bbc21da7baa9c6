using Sweep.Settings;

namespace Sweep.Training.Peft;

/// <summary>
/// What a saved adapter's config records beyond the prepared model: the model name as the spec gave it, the task, the
/// trial's rank (PEFT's <c>r</c>; modules with another rank go to <c>rank_pattern</c>), the adapter dropout and the
/// steps the trial trained for (AdaLoRA's <c>total_step</c>, from which <c>tinit</c>/<c>tfinal</c> follow).
/// </summary>
public sealed record PeftExportInfo(string Model, TaskKind Kind, int Rank, double Dropout, int TotalSteps);
