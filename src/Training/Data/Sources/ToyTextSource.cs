namespace Sweep.Training.Data.Sources;

/// <summary>
/// A small synthetic corpus for fast language-modelling tests: documents of sentences from a tiny
/// grammar (so a model can learn it), fixed by the seed.
/// </summary>
public static class ToyTextSource
{
    public const long GeneratorSeed = 20250602;

    private static readonly string[] Subjects = ["the cat", "the dog", "a bird", "the old man", "my sister", "the captain", "a child"];
    private static readonly string[] Verbs = ["sees", "likes", "follows", "finds", "paints", "remembers", "carries"];
    private static readonly string[] Objects = ["the ship", "a red ball", "the sea", "the garden", "a small house", "the moon", "an apple"];
    private static readonly string[] Endings = [".", " today.", " at night.", " again.", " in the morning."];

    public static List<string> Generate(int documents = 40, int sentencesPerDocument = 25, long seed = GeneratorSeed)
    {
        if (documents < 1 || sentencesPerDocument < 1)
            throw new InvalidInputException($"toy-text: documents ({documents}) and sentences ({sentencesPerDocument}) must be ≥ 1");
        var rng = SeededRandom.For(seed);
        var result = new List<string>(documents);
        for (int d = 0; d < documents; d++)
        {
            var sentences = new string[sentencesPerDocument];
            for (int s = 0; s < sentencesPerDocument; s++)
            {
                string sentence = $"{rng.Pick(Subjects)} {rng.Pick(Verbs)} {rng.Pick(Objects)}{rng.Pick(Endings)}";
                sentences[s] = char.ToUpperInvariant(sentence[0]) + sentence[1..];
            }
            result.Add(string.Join(' ', sentences));
        }
        return result;
    }
}
