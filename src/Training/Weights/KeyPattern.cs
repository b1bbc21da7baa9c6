using System.Text.RegularExpressions;

namespace Sweep.Training.Weights;

/// <summary>A state-dict key pattern where <c>*</c> matches any run of characters (dots included).</summary>
public sealed class KeyPattern
{
    private readonly Regex _regex;

    public KeyPattern(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    public bool Matches(string key) => _regex.IsMatch(key);

    public override string ToString() => Pattern;

    public static bool Any(IEnumerable<KeyPattern> patterns, string key) => patterns.Any(p => p.Matches(key));
}
