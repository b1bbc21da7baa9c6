namespace Sweep.Training.Data;

/// <summary>One classification example: a sentence and its label (0 negative, 1 positive).</summary>
public sealed record LabelledText(string Text, int Label);
