using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Analysis;

/// <summary>
/// The analysis as JSON (DESIGN.md "Analysis output", contract): snake_case keys
/// <c>groups [{task, preset, metric, n, mean, sd, ci_low, ci_high}]</c>,
/// <c>comparisons [{task, metric, a, b, test, n, statistic, p, p_holm, effect, effect_size, diff, ci_low, ci_high}]</c>,
/// <c>claims [{id, text, verdict: supported|refuted|inconclusive, evidence}]</c>. Extra keys (note, seed,
/// non_finite) extend it. NaN and ±∞ are written as null so every consumer can parse the file.
/// </summary>
public static class AnalysisJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new FiniteDoubleConverter() },
    };

    public static string Serialize(AnalysisReport report) => JsonSerializer.Serialize(report, Options);

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
