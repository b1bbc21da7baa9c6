using System.Text;

namespace Sweep.TestSupport;

/// <summary>
/// Hostile variants of the example specs for fuzz tests, the same on every run (fixed seed): bit flips, deleted and
/// duplicated runs, inserted brackets, colons, quotes, tabs, anchors and control characters, and deep nesting.
/// </summary>
public static class SpecMutants
{
    public const int Seed = 20_261_201;
    
    /// <summary>The mutated inputs, the same on every run: <paramref name="count"/> of them from the examples.</summary>
    public static IEnumerable<string> Generate(int count, int seed = Seed)
    {
        var examples = Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples"), "*.yaml").Order().Select(File.ReadAllText).ToList();
        if (examples.Count == 0) throw new InvalidOperationException("no examples/*.yaml to mutate");
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

    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Sweep.sln"))) return d.FullName;
        throw new InvalidOperationException("no Sweep.sln above the test output");
    }
}
