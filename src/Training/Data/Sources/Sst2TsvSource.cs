namespace Sweep.Training.Data.Sources;

/// <summary>
/// GLUE SST-2 as distributed: a directory with <c>train.tsv</c> and <c>dev.tsv</c>, tab-separated,
/// a header naming the columns <c>sentence</c> and <c>label</c> (0 negative, 1 positive), no quoting.
/// </summary>
public static class Sst2TsvSource
{
    public const string TrainFile = "train.tsv";
    public const string DevFile = "dev.tsv";

    public static (List<LabelledText> Train, List<LabelledText> Dev) Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"sst2: directory '{directory}' not found");
        return (ReadTsv(Path.Combine(directory, TrainFile)), ReadTsv(Path.Combine(directory, DevFile)));
    }

    /// <summary>
    /// What can be checked before a run without reading the rows: the directory, both files and their headers.
    /// Throws <see cref="InvalidInputException"/> as <see cref="Load"/> would.
    /// </summary>
    public static void Check(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidInputException($"sst2: directory '{directory}' not found");
        foreach (var file in new[] { TrainFile, DevFile })
        {
            var path = Path.Combine(directory, file);
            using var lines = Open(path);
            Header(path, lines);
        }
    }

    /// <summary>Reads one TSV; every problem is bad input naming the file and the 1-based line.</summary>
    public static List<LabelledText> ReadTsv(string path)
    {
        using var lines = Open(path);
        var (header, sentenceColumn, labelColumn) = Header(path, lines);

        var examples = new List<LabelledText>();
        int lineNumber = 1;
        while (lines.MoveNext())
        {
            lineNumber++;
            string line = lines.Current.TrimEnd('\r');
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != header.Length)
                throw new InvalidInputException(
                    $"{path}: line {lineNumber}: malformed TSV row, {fields.Length} tab-separated fields where the header has {header.Length}");
            string sentence = fields[sentenceColumn].Trim();
            if (sentence.Length == 0)
                throw new InvalidInputException($"{path}: line {lineNumber}: field 'sentence' is empty");
            string label = fields[labelColumn].Trim();
            if (label is not ("0" or "1"))
                throw new InvalidInputException($"{path}: line {lineNumber}: field 'label' is '{label}', expected 0 or 1");
            examples.Add(new LabelledText(sentence, label[0] - '0'));
        }
        if (examples.Count == 0)
            throw new InvalidInputException($"{path}: no rows after the header (empty dataset)");
        return examples;
    }

    private static IEnumerator<string> Open(string path)
    {
        if (Directory.Exists(path))
            throw new InvalidInputException($"{path}: is a directory, expected a tab-separated file");
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        return File.ReadLines(path).GetEnumerator();
    }

    private static (string[] Header, int Sentence, int Label) Header(string path, IEnumerator<string> lines)
    {
        if (!lines.MoveNext() || string.IsNullOrWhiteSpace(lines.Current))
            throw new InvalidInputException($"{path}: empty file (expected a header 'sentence<TAB>label' and rows)");
        var header = lines.Current.TrimEnd('\r').Split('\t');
        int sentenceColumn = Array.FindIndex(header, h => h.Trim().Equals("sentence", StringComparison.OrdinalIgnoreCase));
        int labelColumn = Array.FindIndex(header, h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase));
        if (sentenceColumn < 0 || labelColumn < 0)
            throw new InvalidInputException(
                $"{path}: line 1: header must name the columns 'sentence' and 'label' separated by tabs (found: '{string.Join("', '", header)}')");
        return (header, sentenceColumn, labelColumn);
    }
}
