using System.Text.RegularExpressions;
using Sweep.Client.Tests.Commands;

namespace Sweep.Client.Tests.BadInput;

/// <summary>
/// Runs every case of the bad-input corpus through the console in-process: the exit code is the expected one, standard
/// error names what is wrong, no stack trace is printed (SWEEP_DEBUG is not set), and each case ends within a bound.
/// </summary>
[Category(Category.Unit)]
public sealed partial class BadInputCorpusTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in BadInputCase.All()) data.Add(c.ToString());
        return data;
    }

    [Fact]
    public void The_corpus_has_cases_in_every_area()
    {
        var cases = BadInputCase.All().ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Stderr), $"{c}: no expected message"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_fails_clearly(string name)
    {
        Assert.Null(Environment.GetEnvironmentVariable("SWEEP_DEBUG"));
        var c = BadInputCase.All().Single(x => x.ToString() == name);
        using var dir = new TempDirectory("bad-input");
        CopyTree(c.Folder, dir.Path);
        ExpandPlaceholders(dir.Path);
        var args = c.Args.Select(a => a.Replace("{dir}", dir.Path).Replace("{repo}", RepositoryRoot())).ToArray();

        var (code, stdout, stderr) = await ConsoleRunner.Run(args).WaitAsync(Bound);

        Assert.True(code == c.Exit, $"{c}: exit {code}, expected {c.Exit}\nstderr: {stderr}\nstdout: {stdout}");
        Assert.True(stderr.Contains(c.Stderr, StringComparison.Ordinal), $"{c}: stderr lacks '{c.Stderr}'\nstderr: {stderr}");
        Assert.False(StackFrame().IsMatch(stderr + stdout), $"{c}: printed a stack trace\n{stderr}{stdout}");
    }

    [GeneratedRegex(@"^\s+at \S+\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    private static void CopyTree(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from)) CopyTree(d, Directory.CreateDirectory(Path.Combine(to, Path.GetFileName(d))).FullName);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }

    /// <summary>Spec files name the case's own data and model folders as <c>{dir}/…</c>, as arguments do.</summary>
    private static void ExpandPlaceholders(string dir)
    {
        foreach (var spec in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories))
            File.WriteAllText(spec, File.ReadAllText(spec).Replace("{dir}", dir).Replace("{repo}", RepositoryRoot()));
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Sweep.sln"))) return d.FullName;
        throw new InvalidOperationException("no Sweep.sln above the test output");
    }
}
