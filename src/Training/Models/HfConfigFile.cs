using System.Text.Json;

namespace Sweep.Training.Models;

/// <summary>
/// Reading a Hugging Face <c>config.json</c>: a file that is not JSON, not an object, or has a field of the wrong type is
/// bad input, named with the file and the position (line and byte) where reading stopped.
/// </summary>
public static class HfConfigFile
{
    /// <summary>The file's text and its <c>model_type</c> (null when absent).</summary>
    public static (string Json, string? ModelType) Read(string configPath)
    {
        var json = File.ReadAllText(configPath);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{configPath}: expected a JSON object, found {Describe(root.ValueKind)}");
            if (!root.TryGetProperty("model_type", out var type) || type.ValueKind == JsonValueKind.Null) return (json, null);
            if (type.ValueKind != JsonValueKind.String)
                throw new InvalidInputException($"{configPath}: model_type: expected a string, found {Describe(type.ValueKind)}");
            return (json, type.GetString());
        }
        catch (JsonException e) { throw Invalid(configPath, e); }
    }

    /// <summary>The config's fields as <typeparamref name="T"/>; fields it does not name keep their defaults.</summary>
    public static T Deserialize<T>(string json, string source) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new InvalidInputException($"{source}: empty config");
        }
        catch (JsonException e) { throw Invalid(source, e); }
    }

    /// <summary>The reader's error in the file's terms: which field (if any), what was expected, where (1-based line and byte).</summary>
    public static InvalidInputException Invalid(string source, JsonException e)
    {
        var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}" : "";
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is not null && e.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            var target = e.Message switch
            {
                var m when m.Contains("System.Int32", StringComparison.Ordinal) => "an integer",
                var m when m.Contains("System.Double", StringComparison.Ordinal) => "a number",
                var m when m.Contains("System.String", StringComparison.Ordinal) => "a string",
                _ => "another type",
            };
            return new InvalidInputException($"{source}: {field}: expected {target}{where}");
        }
        var reason = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd(' ', '|', '.');
        return new InvalidInputException($"{source}: not valid JSON{where}: {reason}");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
