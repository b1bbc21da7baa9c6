using Sweep.Training.Data.Sources;

namespace Sweep.Training.Data;

/// <summary>
/// The data-source names of the study (DESIGN "Names"): built-in sources fetched or generated offline,
/// and <c>kind:PATH</c> sources for real files. Each load returns train and eval parts: the source's own
/// split where it has one (SST-2 train/dev, WikiText train/valid), else a seeded stratified split.
/// </summary>
public sealed class DataSources(DataSourceOptions? options = null)
{
    public const string UciSentiment = "uci-sentiment";
    public const string ToySentiment = "toy-sentiment";
    public const string Sst2Prefix = "sst2";
    public const string Sotu = "sotu";
    public const string MobyDick = "moby-dick";
    public const string ToyText = "toy-text";
    public const string WikiText2Prefix = "wikitext2";

    public static readonly IReadOnlyList<string> ClassificationSources = [UciSentiment, ToySentiment, $"{Sst2Prefix}:PATH"];
    public static readonly IReadOnlyList<string> LanguageModelSources = [Sotu, MobyDick, ToyText, $"{WikiText2Prefix}:PATH"];

    private readonly DataSourceOptions _options = options ?? new DataSourceOptions();
    private NpmPackageCache Cache => _options.Cache ?? new NpmPackageCache();

    public ClassificationData LoadClassification(string source)
    {
        var (kind, path) = Parse(source);
        switch (kind)
        {
            case UciSentiment when path is null:
                var uci = UciSentimentSource.Load(Cache);
                // Strata = domain × label, so each of imdb/amazon/yelp keeps its 50/50 class balance.
                var split = StratifiedSplit.Split(uci.Select(e => e.Domain * 2 + e.Example.Label).ToList(), _options.EvalFraction, _options.SplitSeed);
                var (train, eval) = StratifiedSplit.Apply(uci.Select(e => e.Example).ToList(), split);
                return new ClassificationData(source, train, eval, SplitText("domain and label"));
            case ToySentiment when path is null:
                return SplitByLabel(source, ToySentimentSource.Generate(_options.ToySentimentCount));
            case Sst2Prefix when path is not null:
                var (sstTrain, sstDev) = Sst2TsvSource.Load(path);
                return new ClassificationData(source, sstTrain, sstDev, $"own split: {Sst2TsvSource.TrainFile} / {Sst2TsvSource.DevFile}");
            default:
                throw Unknown("classification", source, ClassificationSources, LanguageModelSources);
        }
    }

    public LanguageModelData LoadLanguageModel(string source)
    {
        var (kind, path) = Parse(source);
        switch (kind)
        {
            case Sotu when path is null:
                return SplitDocuments(source, StdlibCorpusSource.LoadSotu(Cache));
            case MobyDick when path is null:
                return SplitDocuments(source, StdlibCorpusSource.LoadMobyDick(Cache));
            case ToyText when path is null:
                return SplitDocuments(source, ToyTextSource.Generate());
            case WikiText2Prefix when path is not null:
                var (train, valid) = WikiText2Source.Load(path);
                return new LanguageModelData(source, [train], [valid], $"own split: {WikiText2Source.TrainFile} / {WikiText2Source.ValidFile}");
            default:
                throw Unknown("language-modelling", source, LanguageModelSources, ClassificationSources);
        }
    }

    private ClassificationData SplitByLabel(string source, List<LabelledText> examples)
    {
        var split = StratifiedSplit.Split(examples.Select(e => e.Label).ToList(), _options.EvalFraction, _options.SplitSeed);
        var (train, eval) = StratifiedSplit.Apply(examples, split);
        return new ClassificationData(source, train, eval, SplitText("label"));
    }

    private LanguageModelData SplitDocuments(string source, List<string> documents)
    {
        if (documents.Count < 2)
            throw new InvalidInputException($"{source}: {documents.Count} document(s); a train/eval split needs at least 2");
        var split = StratifiedSplit.Split(new int[documents.Count], _options.LmEvalFraction, _options.SplitSeed);
        var (train, eval) = StratifiedSplit.Apply(documents, split);
        return new LanguageModelData(source, train, eval,
            $"seeded document split: {_options.LmEvalFraction:0.##} of documents to eval, split seed {_options.SplitSeed}");
    }

    private string SplitText(string strata) =>
        $"seeded stratified split by {strata}: {_options.EvalFraction:0.##} to eval, split seed {_options.SplitSeed}";

    /// <summary>"name" or "name:PATH" (spaces after the colon allowed); the name is case-insensitive.</summary>
    private static (string Kind, string? Path) Parse(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
            throw new InvalidInputException("data: source is empty; expected one of " +
                string.Join(", ", ClassificationSources.Concat(LanguageModelSources)));
        int colon = source.IndexOf(':');
        if (colon < 0) return (source.Trim().ToLowerInvariant(), null);
        string path = source[(colon + 1)..].Trim();
        if (path.Length == 0)
            throw new InvalidInputException($"data: '{source}' names no path after ':'");
        return (source[..colon].Trim().ToLowerInvariant(), path);
    }

    private static InvalidInputException Unknown(string task, string source, IReadOnlyList<string> known, IReadOnlyList<string> other)
    {
        var (kind, _) = Parse(source);
        bool otherTask = other.Any(o => o.Split(':')[0] == kind);
        return new InvalidInputException(otherTask
            ? $"data: '{source}' is not a {task} source; {task} sources are: {string.Join(", ", known)}"
            : $"data: unknown {task} source '{source}'; known: {string.Join(", ", known)}");
    }
}
