using System.Text.RegularExpressions;

namespace Sweep.Deploy.Tests.Support;

/// <summary>A Dockerfile read into its stages and instructions (line continuations joined, comments dropped).</summary>
public sealed partial class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions);

    private Dockerfile(string path, IReadOnlyList<Stage> stages) => (Path, Stages) = (path, stages);

    public string Path { get; }
    public IReadOnlyList<Stage> Stages { get; }
    public Stage Final => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var lines = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            lines.Add(pending + line);
            pending = "";
        }
        var stages = new List<Stage>();
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            var instruction = new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                var m = From().Match(instruction.Arguments);
                stages.Add(new Stage(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null, new List<Instruction>()));
            }
            else if (stages.Count > 0) ((List<Instruction>)stages[^1].Instructions).Add(instruction);
            else throw new InvalidDataException($"{path}: {instruction.Keyword} before the first FROM");
        }
        return new Dockerfile(path, stages.Select(s => s with { Instructions = s.Instructions.ToList() }).ToList());
    }

    /// <summary>The argument lists of every <c>RUN dotnet …</c> (split on spaces; the files quote nothing there).</summary>
    public IEnumerable<string[]> DotnetRuns() => Stages.SelectMany(s => s.Instructions)
        .Where(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
        .Select(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);

    [GeneratedRegex(@"^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();
}
