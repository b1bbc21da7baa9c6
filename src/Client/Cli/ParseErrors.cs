using System.Text.RegularExpressions;
using Spectre.Console.Cli;
using Sweep.Client.Cluster;

namespace Sweep.Client.Cli;

/// <summary>
/// The parser's errors in the console's words: the message names the option as typed (<c>--lr</c>, not <c>lr</c>)
/// and says what is wrong; then the parser's pointer at the offending argument, where it gives one.
/// </summary>
public static partial class ParseErrors
{
    public static void Write(TextWriter stderr, Exception e, IReadOnlyList<string> args)
    {
        stderr.WriteLine($"error: {Describe(e, args)}");
        if (e is CommandAppException { Pretty: { } pretty })
        {
            var rendered = new StringWriter();
            ConsoleOutput.For(rendered).Write(pretty);
            // The pointer only: the parser's own first line repeats the message.
            var lines = rendered.ToString().Split('\n').SkipWhile(l => l.StartsWith("Error:", StringComparison.Ordinal) || l.Trim().Length == 0);
            foreach (var line in lines.Where(l => l.Trim().Length > 0)) stderr.WriteLine(line.TrimEnd());
        }
    }

    public static string Describe(Exception e, IReadOnlyList<string> args)
    {
        if (UnknownOption().Match(e.Message) is { Success: true } u)
            return $"unknown option '{Dashed(u.Groups[1].Value)}'";
        if (MissingOption().Match(e.Message) is { Success: true } r)
            return $"{Dashed(r.Groups[2].Value)}: required by 'sweep {r.Groups[1].Value}'";
        if (NoValue().Match(e.Message) is { Success: true } n)
            return $"{Dashed(n.Groups[1].Value)}: needs a value";
        if (ConversionFailed().Match(e.Message) is { Success: true } c)
        {
            var value = c.Groups[1].Value;
            var expected = (e.InnerException?.Message ?? "") switch
            {
                var m when m.Contains("Int32", StringComparison.Ordinal) || m.Contains("Int64", StringComparison.Ordinal) => "an integer",
                var m when m.Contains("Double", StringComparison.Ordinal) || m.Contains("Single", StringComparison.Ordinal) => "a number",
                _ => "a valid value",
            };
            return $"{OptionGiven(value, args) ?? "option"}: '{value}' is not {expected}";
        }
        return e.Message;
    }

    private static string Dashed(string name) => (name.Length == 1 ? "-" : "--") + name;

    /// <summary>The option the value was given to: <c>--name value</c> or <c>--name=value</c>.</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value && i > 0 && args[i - 1].StartsWith('-')) return args[i - 1];
            if (args[i].StartsWith('-') && args[i].EndsWith("=" + value, StringComparison.Ordinal)) return args[i][..^(value.Length + 1)];
        }
        return null;
    }

    [GeneratedRegex("^Unknown option '([^']+)'")]
    private static partial Regex UnknownOption();

    [GeneratedRegex("^Command '([^']+)' is missing required option '([^']+)'")]
    private static partial Regex MissingOption();

    [GeneratedRegex("^Option '([^']+)' is defined but no value has been provided")]
    private static partial Regex NoValue();

    [GeneratedRegex("^Failed to convert '(.*)' to ")]
    private static partial Regex ConversionFailed();
}
