using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;
using Sweep.Client.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Progress;
using Sweep.ResultFiles;
using Sweep.Grains.Interfaces;

namespace Sweep.Client.Commands;

/// <summary><c>sweep status ID [--json]</c>: one row per trial.</summary>
public sealed class StatusCommand(ConsoleStreams io) : ExperimentCommand<StatusCommand.Settings>(io)
{
    public sealed class Settings : ExperimentSettings
    {
        [CommandOption("--json")]
        [Description("print the status as JSON instead of a table")]
        public bool Json { get; set; }
    }

    protected override async Task<int> ExecuteAsync(SweepConnection connection, IExperimentGrain grain, Settings settings, CancellationToken ct)
    {
        var status = await grain.GetStatus();
        if (settings.Json) Io.Out.WriteLine(JsonSerializer.Serialize(status, ResultsJson.Options));
        else StatusTable.Write(ConsoleOutput.For(Io.Out), status);
        return ExitCodes.Ok;
    }
}
