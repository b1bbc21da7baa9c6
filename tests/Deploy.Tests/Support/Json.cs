using System.Globalization;
using System.Text.Json.Nodes;

namespace Sweep.Deploy.Tests.Support;

/// <summary>Reads a JSON number whatever CLR type it was stored as (parsed YAML holds longs, a test's edit may hold ints).</summary>
public static class Json
{
    public static long? Long(JsonNode? node) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
