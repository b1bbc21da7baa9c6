using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Training.Trials;

/// <summary>The stable JSON shape that <c>sweep train --json</c> and <c>sweep inspect --json</c> print: snake_case names, enums as strings, nulls omitted.</summary>
public static class TrialJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
