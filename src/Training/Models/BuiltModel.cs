using Sweep.Training.Tokenization;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>A model ready for a task, with its tokenizer and where its weights came from.</summary>
public sealed record BuiltModel(nn.Module Module, ITextTokenizer Tokenizer, ModelFamily Family, string WeightsSource, int MaxPositions)
{
    public ISequenceClassifier? Classifier => Module as ISequenceClassifier;
    public ICausalLm? LanguageModel => Module as ICausalLm;
}

public enum ModelFamily { Bert, Gpt2 }
