namespace Sweep.Client.Cli;

/// <summary>Dispatches <c>sweep VERB ...</c> to a command and maps errors to exit codes.</summary>
public sealed class CommandLineApp(IReadOnlyList<ICommand> commands, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown command '{args[0]}'");
            PrintHelp(stderr);
            return ExitCodes.BadInput;
        }
        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine($"usage: sweep {command.Usage}");
            stdout.WriteLine(command.Summary);
            return ExitCodes.Ok;
        }
        try
        {
            var parsed = new CommandArgs(args.Skip(1), command.Flags);
            return await command.RunAsync(parsed, ct);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"usage: sweep {command.Usage}");
            return ExitCodes.BadInput;
        }
        catch (Training.InvalidInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Cluster.ClusterUnreachableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
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

    private void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: sweep <command> [options]");
        w.WriteLine();
        foreach (var c in commands) w.WriteLine($"  {c.Name,-10} {c.Summary}");
        w.WriteLine();
        w.WriteLine("Run 'sweep <command> --help' for a command's options.");
    }
}
