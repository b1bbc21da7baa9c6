using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Training.Presets;
using Sweep.Training.Trials;

namespace Sweep.Client.Commands;

/// <summary><c>sweep inspect</c>: builds the model with a preset's adapters (weights optional) and shows what is really there.</summary>
public sealed class InspectCommand(ConsoleStreams io) : Command<InspectCommand.Settings>
{
    public sealed class Settings : ModelPresetSettings
    {
        [CommandOption("--device <D>")]
        [Description("cpu, cuda, mps or auto")]
        [DefaultValue("cpu")]
        public string Device { get; set; } = "cpu";

        [CommandOption("--weights")]
        [Description("load the model's weights too (default: shapes only)")]
        public bool Weights { get; set; }

        [CommandOption("--json")]
        [Description("print the inspection as JSON instead of a table")]
        public bool Json { get; set; }

        public override ValidationResult Validate() => SettingsCheck.Of(() =>
        {
            TrialSpecOptions.CheckPreset(Preset);
            TrialSpecOptions.PositiveInt(Rank, "rank");
            TrialSpecOptions.ParseKind(Kind, data: null, Model);
        });
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var (model, preset, rank, device) = (settings.Model, settings.Preset, settings.Rank, settings.Device);
        var kind = TrialSpecOptions.ParseKind(settings.Kind, data: null, model);
        var prepared = TrialPreparation.Prepare(model, kind, preset, rank, seed: 1, device, loadWeights: settings.Weights);
        var inspection = ModelInspection.Of(model, prepared);
        if (settings.Json) io.Out.WriteLine(TrialJson.Serialize(inspection));
        else Print(inspection);
        return ExitCodes.Ok;
    }

    private void Print(ModelInspection i)
    {
        var w = io.Out;
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
