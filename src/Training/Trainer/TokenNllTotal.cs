namespace Sweep.Training.Trainer;

/// <summary>
/// Running total of next-token negative log-likelihood over every evaluated token. Perplexity is
/// exp(total NLL / total tokens): each token weighs the same whatever batch it came in, unlike a mean of
/// per-batch perplexities, which overweights small batches and, by Jensen, is never below the true value. Pure.
/// </summary>
public sealed class TokenNllTotal
{
    public double Sum { get; private set; }
    public long Tokens { get; private set; }

    /// <param name="nllSum">summed (not averaged) NLL of <paramref name="tokens"/> target tokens, in nats.</param>
    public void Add(double nllSum, long tokens)
    {
        if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "token count must not be negative");
        Sum += nllSum;
        Tokens += tokens;
    }

    /// <summary>Mean NLL per token (nats); NaN before any token.</summary>
    public double MeanNll => Tokens == 0 ? double.NaN : Sum / Tokens;

    public double Perplexity => Math.Exp(MeanNll);
}
