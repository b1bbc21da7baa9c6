using Sweep.Client.Cli;
using Sweep.Client.Commands;

namespace Sweep.Client.Tests.Commands;

/// <summary>Runs the <c>sweep</c> console in-process and captures its exit code and output.</summary>
public static class ConsoleRunner
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CommandLineApp(CommandCatalog.All(stdout, stderr), stdout, stderr);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
