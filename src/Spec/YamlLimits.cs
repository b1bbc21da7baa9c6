using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweep.Spec;

/// <summary>
/// Limits a spec must keep before it is read into a document tree: its size and how deeply its lists and mappings
/// nest. The nesting is measured on the parser's event stream, which needs no recursion, so a pathological
/// document (a hundred thousand <c>[</c>) is refused at the first level past the limit instead of overflowing the
/// stack of the tree builder or of the readers that walk the tree. Real specs are a few kilobytes and nest four deep.
/// </summary>
public static class YamlLimits
{
    /// <summary>Largest spec file: a thousand times a large real spec, small enough to read and check in well under a second.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings (a real spec nests at most four levels).</summary>
    public const int MaxDepth = 64;

    public static string TooLarge(long bytes) =>
        $"is {bytes:N0} bytes; a spec may be at most {MaxBytes:N0} bytes (1 MiB)";

    /// <summary>The first limit or syntax problem of <paramref name="yaml"/>, or null when the tree may be built.</summary>
    public static SpecProblem? Check(string yaml)
    {
        if (yaml.Length > MaxBytes) return new SpecProblem("spec", TooLarge(yaml.Length));
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        var last = Mark.Empty;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.Start;
                if (e is MappingStart or SequenceStart && ++depth > MaxDepth)
                    return new SpecProblem("yaml",
                        $"nested deeper than {MaxDepth} levels at line {e.Start.Line}, column {e.Start.Column} (limit {MaxDepth})");
                if (e is MappingEnd or SequenceEnd) depth--;
                if (e is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
                    return Syntax($"alias '*{alias.Value.Value}' refers to no anchor '&{alias.Value.Value}' defined before it", e.Start);
                if (e is NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
            }
        }
        catch (YamlException e)
        {
            return Syntax(e.InnerException?.Message ?? e.Message, e.Start);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // The parser's own consistency checks (some malformed flow collections end here): report them as a
            // syntax error where parsing stopped; the exception's text says nothing a user can act on.
            return Syntax("malformed YAML: the parser could not continue here (an unclosed '[' or '{' before it?)", last);
        }
        return null;
    }

    /// <summary>A syntax problem in the form every YAML error is printed in.</summary>
    public static SpecProblem Syntax(string message, Mark at) =>
        new("yaml", $"{StripPosition(message)} (line {Math.Max(at.Line, 1)}, column {Math.Max(at.Column, 1)})");

    private static string StripPosition(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 7, Idx: …) - (Line: …): " which we print in our own form.
        var dash = message.LastIndexOf("): ", StringComparison.Ordinal);
        return dash >= 0 ? message[(dash + 3)..] : message;
    }
}
