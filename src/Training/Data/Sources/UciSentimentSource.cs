using System.Text.Json;

namespace Sweep.Training.Data.Sources;

/// <summary>
/// The UCI "Sentiment Labelled Sentences" set as npm <c>sentiment@5.0.2</c> ships it:
/// <c>test/fixtures/{imdb,amazon,yelp}.json</c>, each a JSON array of 1,000 <c>{text, class}</c>
/// objects (class 0 or 1, 500 each) followed by one <c>{"text":"","class":null}</c>, which is dropped.
/// </summary>
public static class UciSentimentSource
{
    public const string Package = "sentiment";
    public const string Version = "5.0.2";
    public static readonly string[] Domains = ["imdb", "amazon", "yelp"];

    /// <summary>All 3,000 sentences with their domain index (0 imdb, 1 amazon, 2 yelp), in file order.</summary>
    public static List<(LabelledText Example, int Domain)> Load(NpmPackageCache cache)
    {
        string root = cache.Get(Package, Version);
        var all = new List<(LabelledText, int)>();
        for (int d = 0; d < Domains.Length; d++)
        {
            string path = Path.Combine(root, "test", "fixtures", Domains[d] + ".json");
            all.AddRange(ReadFixture(path).Select(e => (e, d)));
        }
        return all;
    }

    /// <summary>Reads one fixture file; anything but a list of {text, class ∈ {0,1}} is bad input naming the entry.</summary>
    public static List<LabelledText> ReadFixture(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new InvalidInputException($"{path}: not valid JSON ({e.Message})"); }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{path}: expected a JSON array of {{text, class}} objects");
            var entries = document.RootElement.EnumerateArray().ToList();
            var examples = new List<LabelledText>(entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                if (i == entries.Count - 1 && IsEmptyTrailer(entries[i])) break;
                examples.Add(ReadEntry(path, i, entries[i]));
            }
            if (examples.Count == 0)
                throw new InvalidInputException($"{path}: no labelled sentences (empty dataset)");
            return examples;
        }
    }

    private static LabelledText ReadEntry(string path, int index, JsonElement entry)
    {
        string where = $"{path}: entry {index}";
        if (entry.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{where}: expected an object with 'text' and 'class'");
        if (!entry.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(text.GetString()))
            throw new InvalidInputException($"{where}: field 'text' is missing or empty");
        if (!entry.TryGetProperty("class", out var label) || label.ValueKind != JsonValueKind.Number
            || !label.TryGetInt32(out int value) || value is not (0 or 1))
            throw new InvalidInputException($"{where}: field 'class' is {(label.ValueKind == JsonValueKind.Undefined ? "missing" : label.GetRawText())}, expected 0 or 1");
        return new LabelledText(text.GetString()!.Trim(), value);
    }

    private static bool IsEmptyTrailer(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty("class", out var label) && label.ValueKind == JsonValueKind.Null
        && (!entry.TryGetProperty("text", out var text) || string.IsNullOrWhiteSpace(text.GetString()));
}
