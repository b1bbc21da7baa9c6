using System.Security.Cryptography;
using System.Text;

namespace Sweep.Dashboard.Endpoints;

/// <summary>Whether a request may cancel a sweep: only with the configured token (compared in constant time); a
/// dashboard without one is read-only. Returns why not (the 403 message), or null when allowed.</summary>
public static class CancelPermission
{
    public const string Header = "X-Sweep-Token";

    public static string? Refusal(string? configured, string? offered)
    {
        if (string.IsNullOrEmpty(configured))
            return "this dashboard is read-only: cancelling a sweep needs a token configured as Dashboard:CancelToken (environment Dashboard__CancelToken)";
        if (string.IsNullOrEmpty(offered)) return $"cancelling needs the dashboard's token (form field 'token' or header {Header})";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(offered))
            ? null : "wrong token: the sweep was not cancelled";
    }
}
