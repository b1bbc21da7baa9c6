using System.ComponentModel;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;

namespace Sweep.Client.Commands;

/// <summary><c>sweep submit SPEC.yaml [--cluster CONN]</c>: submits and prints the experiment id (idempotent: the same spec gives the same id).</summary>
public sealed class SubmitCommand(ConsoleStreams io) : AsyncCommand<SubmitCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("sweep spec (YAML)")]
        public string Spec { get; set; } = "";

        [CommandOption("--max-trials <N>")]
        [Description("refuse a sweep of more trials than this (default 100,000; at most 1,000,000)")]
        public long? MaxTrials { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken ct)
    {
        var spec = ClusterSpec.Load(settings.Spec);
        SweepSizeCheck.Apply(settings.Spec, spec, settings.MaxTrials, io.Err);
        await using var c = await SweepConnection.ConnectAsync(settings.Cluster, settings.ConnectWithin(), ct, io.Err);
        var grain = await ClusterSpec.SubmitAsync(c.Client, settings.Spec, spec);
        io.Out.WriteLine(grain.GetPrimaryKeyString());
        return ExitCodes.Ok;
    }
}
