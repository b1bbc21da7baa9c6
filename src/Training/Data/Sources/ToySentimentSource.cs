namespace Sweep.Training.Data.Sources;

/// <summary>
/// A small synthetic two-class set for fast tests with no downloads: templated review sentences whose
/// label is the polarity of the one sentiment word they contain. Balanced, fixed by its seed, learnable.
/// </summary>
public static class ToySentimentSource
{
    public const long GeneratorSeed = 20250601;

    private static readonly string[] Positive =
        ["great", "wonderful", "excellent", "delightful", "superb", "lovely", "brilliant", "enjoyable", "fantastic", "charming"];
    private static readonly string[] Negative =
        ["terrible", "awful", "boring", "dreadful", "poor", "horrible", "dull", "disappointing", "bad", "annoying"];
    private static readonly string[] Nouns =
        ["movie", "film", "service", "food", "phone", "story", "acting", "plot", "meal", "battery", "staff", "soundtrack"];
    private static readonly string[] Intensifiers = ["", "really ", "very ", "quite ", "truly ", "so "];
    private static readonly string[] Templates =
    [
        "the {noun} was {int}{adj}.",
        "i thought the {noun} was {int}{adj}.",
        "what a {int}{adj} {noun}!",
        "honestly, a {int}{adj} {noun}.",
        "my friends found the {noun} {int}{adj}.",
        "overall the {noun} is {int}{adj}.",
    ];

    /// <summary><paramref name="count"/> sentences (an even number), half of each label, in seeded order.</summary>
    public static List<LabelledText> Generate(int count = 400, long seed = GeneratorSeed)
    {
        if (count < 2 || count % 2 != 0)
            throw new InvalidInputException($"toy-sentiment: count {count} must be an even number ≥ 2");
        var rng = SeededRandom.For(seed);
        var examples = new List<LabelledText>(count);
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            string sentence = rng.Pick(Templates)
                .Replace("{noun}", rng.Pick(Nouns))
                .Replace("{int}", rng.Pick(Intensifiers))
                .Replace("{adj}", rng.Pick(label == 1 ? Positive : Negative));
            examples.Add(new LabelledText(sentence, label));
        }
        rng.Shuffle(examples);
        return examples;
    }
}
