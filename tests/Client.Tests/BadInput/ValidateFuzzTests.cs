using System.Diagnostics;
using Sweep.Client.Cli;
using Sweep.Client.Tests.Commands;

namespace Sweep.Client.Tests.BadInput;

/// <summary><c>sweep validate</c> on a sample of mutated example specs: exit 0 or 2 only, never a crash or a stack trace.</summary>
[Category(Category.Unit)]
public sealed class ValidateFuzzTests
{
    private const int Sample = 200;

    [Fact]
    public async Task Validate_exits_0_or_2_on_mutated_examples()
    {
        using var dir = new TempDirectory("validate-fuzz");
        var watch = Stopwatch.StartNew();
        var codes = new Dictionary<int, int>();
        var i = 0;
        foreach (var yaml in SpecMutants.Generate(Sample, seed: SpecMutants.Seed + 1))
        {
            var path = dir.Write($"mutant-{i++}.yaml", yaml);
            var (code, stdout, stderr) = await ConsoleRunner.Run(["validate", path]);
            Assert.True(code is ExitCodes.Ok or ExitCodes.BadInput, $"exit {code}\nstderr: {stderr}\ninput:\n{yaml}");
            Assert.DoesNotContain("   at ", stderr + stdout);
            codes[code] = codes.GetValueOrDefault(code) + 1;
        }
        Assert.True(codes.GetValueOrDefault(ExitCodes.BadInput) > Sample / 4, $"exit codes: {string.Join(", ", codes)}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{Sample} runs took {watch.Elapsed}");
    }
}
