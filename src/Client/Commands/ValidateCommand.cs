using Sweep.Client.Cli;
using Sweep.Grains.Interfaces;
using Sweep.Spec;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep validate SPEC.yaml</c>: prints every problem of a spec with its field path; exit 2 when there is one.</summary>
public sealed class ValidateCommand(TextWriter stdout, TextWriter stderr) : ICommand
{
    public string Name => "validate";
    public string Usage => "validate SPEC.yaml";
    public string Summary => "check a sweep spec and print every problem with its field path";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.PositionalAt(0, "SPEC.yaml");
        args.EnsureAllUsed(1);
        var result = SpecLoader.LoadFile(path);
        if (!result.IsValid)
        {
            stderr.WriteLine($"{path}: {result.Problems.Count} problem(s)");
            foreach (var p in result.Problems) stderr.WriteLine($"  {p}");
            return Task.FromResult(ExitCodes.BadInput);
        }
        var spec = result.Spec!;
        var trials = SpecExpander.Expand(spec);
        stdout.WriteLine($"{path}: ok — '{spec.Name}': {spec.Tasks.Count} task(s) × {spec.Presets.Count} preset(s) × {spec.Seeds.Count} seed(s) → {trials.Count} trials");
        return Task.FromResult(ExitCodes.Ok);
    }
}
