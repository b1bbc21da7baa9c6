using Spectre.Console.Cli;
using Sweep.Client.Cluster;
using Sweep.Client.Commands;
using Sweep.Training;

namespace Sweep.Client.Cli;

/// <summary>
/// The <c>sweep</c> console: parses <c>sweep VERB ...</c> with Spectre.Console.Cli (help is generated from the settings
/// classes) and maps every outcome to an exit code: 0 ok, 1 runtime failure, 2 bad input.
/// </summary>
public sealed class SweepApp(TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count == 0)
        {
            // No verb is bad input: the overview goes to stderr.
            await Create(stderr).RunAsync(["--help"], ct);
            return ExitCodes.BadInput;
        }
        if (args[0] == "help") args = [.. args.Skip(1), "--help"];
        try
        {
            return await Create(stdout).RunAsync(args, ct);
        }
        catch (Exception e) when (e is CommandParseException or CommandRuntimeException)
        {
            // Unknown verb or option, missing or malformed value, failed validation.
            ParseErrors.Write(stderr, e, args);
            stderr.WriteLine(args[0].StartsWith('-') || e.Message.StartsWith("Unknown command", StringComparison.Ordinal)
                ? "run 'sweep --help' for the verbs"
                : $"run 'sweep {args[0]} --help' for its options");
            return ExitCodes.BadInput;
        }
        catch (InvalidInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ClusterUnreachableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (TimeoutException)
        {
            // A grain call that outlasted the cluster's response timeout: a busy or overloaded control silo, not bad input.
            stderr.WriteLine("error: the cluster did not answer in time (it may be overloaded); the request may still take effect — check with 'sweep status ID' and try again");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // A runtime failure, not bad input: say what happened; the stack only when asked for.
            stderr.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("SWEEP_DEBUG") == "1") stderr.WriteLine(e);
            else stderr.WriteLine("(set SWEEP_DEBUG=1 for the stack trace)");
            return ExitCodes.Failure;
        }
    }

    /// <param name="helpOut">where generated help goes.</param>
    private CommandApp Create(TextWriter helpOut)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("sweep");
            c.ConfigureConsole(ConsoleOutput.For(helpOut));
            c.PropagateExceptions();
            c.Settings.Registrar.RegisterInstance(new ConsoleStreams(stdout, stderr));
            c.Settings.Registrar.RegisterInstance<ICommandInterceptor>(new RejectUnknownOptions());
            CommandCatalog.AddVerbs(c);
        });
        return app;
    }
}
