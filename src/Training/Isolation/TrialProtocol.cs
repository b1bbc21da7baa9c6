using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweep.Training.Isolation;

/// <summary>
/// The stream between a silo and a trial's own process. The silo writes one <see cref="TrialRequest"/> as a JSON line to
/// the child's stdin (and keeps stdin open: its end tells the child that the silo is gone); later stdin lines are
/// <c>sweep-trial/1 {json}</c> messages to the child (<see cref="TrialMessageTypes.Drain"/>; a child ignores others). The
/// child answers on stdout with lines <c>sweep-trial/1 {json}</c>, one <see cref="TrialMessage"/> each; lines without the
/// prefix (a native library printing to stdout) are ignored. A reader refuses messages of another protocol version by
/// their prefix. Version 1 gained drain/drained without a bump: both ends ignore a message type they do not know, and a
/// silo always starts trial processes from its own executable.
/// </summary>
public static class TrialProtocol
{
    public const int Version = 1;
    public const string Prefix = "sweep-trial/1 ";

    /// <summary>The hidden verb that turns a host executable (sweep-silo, sweep) into a trial process.</summary>
    public const string Verb = "__trial";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Line(TrialMessage message) => Prefix + JsonSerializer.Serialize(message, Json);

    /// <summary>The message a line carries; null for a line that is not part of the protocol.</summary>
    public static TrialMessage? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        return JsonSerializer.Deserialize<TrialMessage>(line.AsSpan(Prefix.Length), Json);
    }

    public static string RequestLine(TrialRequest request) => JsonSerializer.Serialize(request, Json);

    /// <summary>The request a child reads; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static TrialRequest ParseRequest(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) throw new InvalidDataException("no trial request on stdin");
        TrialRequest? request;
        try { request = JsonSerializer.Deserialize<TrialRequest>(line, Json); }
        catch (JsonException e) { throw new InvalidDataException($"the trial request is not valid JSON: {e.Message}"); }
        if (request is null) throw new InvalidDataException("the trial request is null");
        if (request.Version != Version)
            throw new InvalidDataException($"the trial request has protocol version {request.Version}; this trial process speaks {Version}");
        return request;
    }
}
