using Sweep.Client.Cli;

namespace Sweep.Client.Tests.Commands;

/// <summary>Runs the <c>sweep</c> console in-process and captures its exit code and output.</summary>
public static class ConsoleRunner
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
