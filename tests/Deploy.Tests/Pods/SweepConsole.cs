using System.Diagnostics;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>The built <c>sweep</c> console (<c>dotnet sweep.dll …</c> from the test output), as a user runs it against a cluster.</summary>
public static class SweepConsole
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweep.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await stdout, $"timed out after {timeout.TotalSeconds:0} s\n" + await stderr);
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
