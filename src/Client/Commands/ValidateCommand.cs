using System.ComponentModel;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;
using Sweep.Spec;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep validate SPEC.yaml</c>: prints every problem of a spec with its field path, including what <see cref="SpecChecks"/>
/// finds on this machine (models, data files, lengths), exactly as <c>run</c> and <c>submit</c> check it; exit 2 when there is one.
/// </summary>
public sealed class ValidateCommand(ConsoleStreams io) : Command<ValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("sweep spec (YAML)")]
        public string Spec { get; set; } = "";

        [CommandOption("--max-trials <N>")]
        [Description("refuse a sweep of more trials than this (default 100,000; at most 1,000,000)")]
        public long? MaxTrials { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var path = settings.Spec;
        var result = SpecChecks.LoadFile(path);
        if (!result.IsValid)
        {
            io.Err.WriteLine($"{path}: {result.Problems.Count} problem(s)");
            foreach (var p in result.Problems) io.Err.WriteLine($"  {p}");
            return ExitCodes.BadInput;
        }
        var spec = result.Spec!;
        var trials = SweepSizeCheck.Apply(path, spec, settings.MaxTrials, io.Err);
        io.Out.WriteLine(spec.SeedPlan is { } plan
            ? $"{path}: ok — '{spec.Name}': {spec.Tasks.Count} task(s) × {spec.Presets.Count} preset(s) × seeds on demand {plan} " +
              $"({spec.Analysis.Sequential}, looks at {string.Join(", ", SweepSize.LookSeeds(spec))} seeds) → up to {trials} trials (first look: {SweepSize.FirstLook(spec)})"
            : $"{path}: ok — '{spec.Name}': {spec.Tasks.Count} task(s) × {spec.Presets.Count} preset(s) × {spec.Seeds.Count} seed(s) → {trials} trials");
        return ExitCodes.Ok;
    }
}
