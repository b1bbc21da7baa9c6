using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweep.Analysis.Sequential;
using Sweep.Client.Cli;
using Sweep.Settings;

namespace Sweep.Client.Commands;

/// <summary>
/// <c>sweep simulate-design [--seeds START,MAX,STEP] [--effects E,…] [--sweeps N]</c>: Monte Carlo of seeds on demand on
/// synthetic paired outcomes (<see cref="DesignSimulator"/>) — per effect size (in sd of the paired difference) and
/// design (fixed max, O'Brien–Fleming type, Pocock type): rejection rate (type I error at 0, power otherwise), equivalence
/// stops and mean seeds against max. Prints a markdown table.
/// </summary>
public sealed class SimulateDesignCommand(ConsoleStreams io) : Command<SimulateDesignCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--seeds <START,MAX,STEP>")]
        [Description("the seed plan: first look, most seeds, seeds per look")]
        [DefaultValue("3,12,3")]
        public string Seeds { get; set; } = "3,12,3";

        [CommandOption("--effects <LIST>")]
        [Description("true effects in sd of the paired difference, comma-separated")]
        [DefaultValue("0,0.5,1,1.5,2,2.5")]
        public string Effects { get; set; } = "0,0.5,1,1.5,2,2.5";

        [CommandOption("--sweeps <N>")]
        [Description("simulated sweeps per row (1 to 1,000,000)")]
        [DefaultValue(10_000)]
        public int Sweeps { get; set; } = 10_000;

        [CommandOption("--alpha <A>")]
        [Description("two-sided level over all looks, in (0, 1)")]
        [DefaultValue(0.05)]
        public double Alpha { get; set; } = 0.05;

        [CommandOption("--equivalence-margin <M>")]
        [Description("also stop for equivalence within ±M (sd of the paired difference)")]
        public double? EquivalenceMargin { get; set; }

        [CommandOption("--seed <N>")]
        [Description("random seed (the same seed gives every design the same outcomes)")]
        [DefaultValue(20260)]
        public int Seed { get; set; } = 20260;

        public override ValidationResult Validate() =>
            SequentialReplay.ParsePlan(Seeds) is null ? ValidationResult.Error($"--seeds: '{Seeds}' is not START,MAX,STEP with 2 <= START <= MAX <= {SweepFields.MaxSequentialSeeds}, STEP >= 1 and at most {SweepFields.MaxLooks} looks")
            : ParseEffects(Effects) is null ? ValidationResult.Error($"--effects: '{Effects}' is not a comma-separated list of finite numbers")
            : Sweeps is < 1 or > 1_000_000 ? ValidationResult.Error($"--sweeps: must be between 1 and 1,000,000 (got {Sweeps})")
            : Alpha is <= 0 or >= 1 ? ValidationResult.Error($"--alpha: {Alpha} is not in (0, 1)")
            : EquivalenceMargin is { } m && !(m > 0 && double.IsFinite(m)) ? ValidationResult.Error($"--equivalence-margin: must be > 0 (got {m})")
            : ValidationResult.Success();
    }

    public static double[]? ParseEffects(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<double>();
        foreach (var p in parts)
        {
            if (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v)) return null;
            values.Add(v);
        }
        return values.Count == 0 ? null : values.ToArray();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var plan = SequentialReplay.ParsePlan(settings.Seeds)!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = DesignSimulator.Table(new SeedSchedule(plan.Start, plan.Step, plan.Max),
            [SequentialMethod.None, SequentialMethod.OBrienFleming, SequentialMethod.Pocock], ParseEffects(settings.Effects)!,
            settings.Alpha, settings.EquivalenceMargin, settings.Sweeps, settings.Seed);
        var margin = settings.EquivalenceMargin is { } m ? string.Create(CultureInfo.InvariantCulture, $", equivalence margin ±{m} sd") : "";
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeds {plan}, α = {settings.Alpha}, {settings.Sweeps:N0} sweeps per row{margin}"));
        io.Out.WriteLine(table);
        io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated in {clock.Elapsed.TotalSeconds:0.0} s"));
        return ExitCodes.Ok;
    }
}
