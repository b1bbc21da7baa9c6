namespace Sweep.Training.Data.Sources;

/// <summary>
/// WikiText-2 raw (<c>wiki.train.raw</c>, <c>wiki.valid.raw</c>, <c>wiki.test.raw</c>). Each file is read
/// whole as one document, keeping its newlines, as the standard perplexity evaluation concatenates it:
/// the blank lines that make line-per-example loaders produce empty (all-padding) batches never reach a batch.
/// Train is <c>wiki.train.raw</c>, eval is <c>wiki.valid.raw</c>; the test file is left for final reports.
/// </summary>
public static class WikiText2Source
{
    public const string TrainFile = "wiki.train.raw";
    public const string ValidFile = "wiki.valid.raw";
    public const string TestFile = "wiki.test.raw";

    public static (string Train, string Valid) Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"wikitext2: directory '{directory}' not found");
        return (ReadRaw(Path.Combine(directory, TrainFile)), ReadRaw(Path.Combine(directory, ValidFile)));
    }

    /// <summary>
    /// What can be checked before a run without reading the text: the directory and that both files exist and are not
    /// empty. Throws <see cref="InvalidInputException"/> as <see cref="Load"/> would.
    /// </summary>
    public static void Check(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"wikitext2: directory '{directory}' not found");
        foreach (var file in new[] { TrainFile, ValidFile })
        {
            var path = Path.Combine(directory, file);
            Exists(path);
            if (new FileInfo(path).Length == 0) throw new InvalidInputException($"{path}: file has no text (empty dataset)");
        }
    }

    public static string ReadRaw(string path)
    {
        Exists(path);
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidInputException($"{path}: file has no text (empty dataset)");
        return text.Trim('\n');
    }

    private static void Exists(string path)
    {
        if (Directory.Exists(path))
            throw new InvalidInputException($"{path}: is a directory, expected the raw text file");
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
    }
}
