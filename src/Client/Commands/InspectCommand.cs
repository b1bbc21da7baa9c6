using System.Globalization;
using Sweep.Client.Cli;
using Sweep.Training.Presets;
using Sweep.Training.Trials;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary><c>sweep inspect</c>: builds the model with a preset's adapters (weights optional) and shows what is really there.</summary>
public sealed class InspectCommand(TextWriter stdout) : ICommand
{
    public string Name => "inspect";
    public string Usage => "inspect --model M --preset P [--rank R] [--kind classification|language-modelling] [--device D] [--weights] [--json]";
    public string Summary => "Show trainable/total parameters per module, quantized bytes and bits/param for a model + preset.";
    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "json", "weights" };

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var model = args.Required("model");
        var preset = args.Required("preset");
        if (!Presets.IsKnown(preset)) throw new UsageException($"--preset: {Presets.Unknown(preset)}");
        var rank = args.IntOption("rank");
        if (rank is <= 0) throw new UsageException($"--rank: must be > 0 (got {rank})");
        var kind = TrialSpecOptions.ParseKind(args.Option("kind"), data: null, model);
        var device = args.Option("device") ?? "cpu";
        var weights = args.Flag("weights");
        var json = args.Flag("json");
        args.EnsureAllUsed(0);

        var prepared = TrialPreparation.Prepare(model, kind, preset, rank, seed: 1, device, loadWeights: weights);
        var inspection = ModelInspection.Of(model, prepared);
        if (json) stdout.WriteLine(TrialJson.Serialize(inspection));
        else Print(inspection);
        return Task.FromResult(ExitCodes.Ok);
    }

    private void Print(ModelInspection i)
    {
        var w = stdout;
        w.WriteLine($"{i.Model} + {i.Preset} ({i.Method}) on {i.Device}: base {i.BaseDtype}, compute {i.ComputeDtype}");
        w.WriteLine($"{"module",-48} {"kind",-12} {"adapter",-8} {"rank",5} {"base",5} {"base bytes",12} {"trainable",10}");
        foreach (var m in i.Modules)
        {
            var rank = m.InitialRank is int r0 && r0 != m.Rank ? $"{m.Rank}/{r0}" : m.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-";
            w.WriteLine($"{m.Name,-48} {m.Kind,-12} {m.Adapter,-8} {rank,5} {m.BaseDtype,5} {m.BaseBytes,12:N0} {m.TrainableParams,10:N0}");
        }
        w.WriteLine();
        w.WriteLine($"adapted linears    {i.TargetedLinears}   quantized: {i.QuantizedLinears}");
        w.WriteLine($"base linear bytes  {i.BaseLinearBytes:N0} ({i.BaseBitsPerParam:F2} bits/param)");
        w.WriteLine($"task head          {i.HeadParams:N0} trainable");
        w.WriteLine($"trainable params   {i.TrainableParams:N0} of {i.TotalParams:N0} ({i.TrainablePercent:F3}%)");
    }
}
