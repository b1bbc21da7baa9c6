using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Analysis;

/// <summary>
/// The one JSON convention of every file and wire form the results contract covers (results.json, the analysis of
/// <c>sweep analyze --json</c>): snake_case property names, dictionary keys as they are (metric and module names),
/// enum values as the contract spells them (<c>Completed</c>, <c>supported</c>: the enum member's name unless a
/// <see cref="JsonStringEnumMemberNameAttribute"/> says otherwise), and <c>null</c> for every missing number —
/// NaN and ±∞ are written as null, never as a string.
/// </summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new FiniteDoubleConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <exception cref="JsonException">the text is not JSON of <typeparamref name="T"/>'s shape.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, got null");

    /// <summary>Writes finite doubles as numbers and NaN/±∞ as null; reads null back as NaN.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
