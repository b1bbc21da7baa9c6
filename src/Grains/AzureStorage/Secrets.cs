using System.Text.RegularExpressions;

namespace Sweep.Grains.AzureStorage;

/// <summary>Removes storage secrets from text that may reach a log, an error or a file: account keys, SAS signatures and tokens.</summary>
public static partial class Secrets
{
    public const string Mask = "***";

    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : SasSignature().Replace(KeyValue().Replace(text, m => $"{m.Groups[1].Value}={Mask}"), m => $"{m.Groups[1].Value}={Mask}");

    // AccountKey=…;  SharedAccessSignature=…;  (connection strings)
    [GeneratedRegex(@"\b(AccountKey|SharedAccessSignature)=[^;""'\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    // sig=… in a SAS query
    [GeneratedRegex(@"\b(sig)=[^&;""'\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();
}
