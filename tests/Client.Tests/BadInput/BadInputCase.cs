using System.Text.Json;

namespace Sweep.Client.Tests.BadInput;

/// <summary>
/// One case of the bad-input corpus: a folder under <c>BadInput/cases/&lt;area&gt;/&lt;name&gt;/</c> holding <c>case.json</c>
/// and the input files the command reads. <c>case.json</c> gives the console's arguments (<c>{dir}</c> stands for a
/// fresh copy of the case folder, <c>{repo}</c> for the repository root; both are also replaced inside the case's *.yaml
/// files), the expected exit code, and a fragment that
/// standard error must contain.
/// </summary>
public sealed record BadInputCase(string Area, string Name, string Folder, IReadOnlyList<string> Args, int Exit, string Stderr)
{
    public const string Root = "BadInput/cases";

    public static IEnumerable<BadInputCase> All()
    {
        var root = Path.Combine(AppContext.BaseDirectory, Root);
        foreach (var file in Directory.GetFiles(root, "case.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(file)!;
            var area = Path.GetFileName(Path.GetDirectoryName(folder)!);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var r = doc.RootElement;
            yield return new BadInputCase(area, Path.GetFileName(folder), folder,
                r.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList(),
                r.GetProperty("exit").GetInt32(),
                r.GetProperty("stderr").GetString()!);
        }
    }

    public override string ToString() => $"{Area}/{Name}";
}
