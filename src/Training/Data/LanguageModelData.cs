namespace Sweep.Training.Data;

/// <summary>
/// A language-modelling corpus as documents (an address, a chapter, a whole WikiText file), split into
/// train and eval documents. <see cref="LmBlocks"/> turns them into fixed-length token blocks.
/// </summary>
public sealed record LanguageModelData(
    string Source,
    IReadOnlyList<string> Train,
    IReadOnlyList<string> Eval,
    string Split)
{
    public long TrainCharacters => Train.Sum(d => (long)d.Length);
    public long EvalCharacters => Eval.Sum(d => (long)d.Length);
}
