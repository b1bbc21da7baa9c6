using System.Diagnostics;
using System.Text;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

/// <summary>
/// Random mutations of the example specs (fixed seed): whatever the bytes, the loader returns a spec or a list of
/// problems, never an exception, within a bounded time.
/// </summary>
[Category(Category.Unit)]
public sealed class SpecFuzzTests
{
    public const int Seed = 20_261_201;
    public const int Inputs = 4000;

    /// <summary>The mutated inputs, the same on every run: <paramref name="count"/> of them from the examples.</summary>
    public static IEnumerable<string> Mutants(int count, int seed = Seed)
    {
        var examples = Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples"), "*.yaml").Order().Select(File.ReadAllText).ToList();
        Assert.NotEmpty(examples);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder(examples[random.Next(examples.Count)]);
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations; m++) Mutate(text, random);
            yield return text.ToString();
        }
    }

    private static readonly string[] Inserts = ["[", "]", "{", "}", ":", ": ", ",", "'", "\"", "\t", "\n", "- ", "&a ", "*a", "? ", "|", ">", "#", "!!str ", "%", "@", "`", "\0", "\uFFFF", "---\n", "...\n"];

    private static void Mutate(StringBuilder text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(7))
        {
            case 0 when text.Length > 0: // flip a bit of one character
                var i = Math.Min(at, text.Length - 1);
                text[i] = (char)(text[i] ^ (1 << random.Next(7)));
                break;
            case 1 when text.Length > 0: // delete a run
                text.Remove(Math.Min(at, text.Length - 1), Math.Min(1 + random.Next(20), text.Length - Math.Min(at, text.Length - 1)));
                break;
            case 2 when text.Length > 0: // duplicate a run
                var from = random.Next(text.Length);
                var length = Math.Min(1 + random.Next(60), text.Length - from);
                text.Insert(at, text.ToString(from, length));
                break;
            case 3: // deep nesting
                var depth = random.Next(2) == 0 ? random.Next(50, 80) : random.Next(1000, 20_000);
                var open = random.Next(2) == 0 ? "[" : "{a: ";
                text.Insert(at, string.Concat(Enumerable.Repeat(open, depth)));
                break;
            default: // structural characters
                text.Insert(at, Inserts[random.Next(Inserts.Length)]);
                break;
        }
    }

    [Fact]
    public void Mutated_examples_give_a_spec_or_problems_and_nothing_else()
    {
        var watch = Stopwatch.StartNew();
        int valid = 0, invalid = 0;
        foreach (var yaml in Mutants(Inputs))
        {
            SpecLoadResult result;
            try { result = SpecLoader.Load(yaml); }
            catch (Exception e) { Assert.Fail($"{e.GetType().Name}: {e.Message}\ninput:\n{yaml}"); throw; }
            if (result.IsValid) valid++;
            else
            {
                Assert.NotEmpty(result.Problems);
                Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
                invalid++;
            }
        }
        Assert.Equal(Inputs, valid + invalid);
        Assert.True(invalid > Inputs / 4, $"only {invalid} of {Inputs} mutants were refused: the mutations are too gentle to test anything");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{Inputs} inputs took {watch.Elapsed}");
    }

    internal static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Sweep.sln"))) return d.FullName;
        throw new InvalidOperationException("no Sweep.sln above the test output");
    }
}
