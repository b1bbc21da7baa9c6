using Spectre.Console.Cli;
using Sweep.Training;

namespace Sweep.Client.Cli;

/// <summary>
/// Anything on the command line that no option or argument of the verb took is bad input, named as typed.
/// (The parser runs in its relaxed mode, which reports a missing option value as such; these leftovers are checked here.)
/// </summary>
public sealed class RejectUnknownOptions : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        var unknown = context.Remaining.Parsed.Select(g => g.Key).Concat(context.Remaining.Raw).Distinct().ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException($"unknown option{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} (see 'sweep {context.Name} --help')");
    }
}
