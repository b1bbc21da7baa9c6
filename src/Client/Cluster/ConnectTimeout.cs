using System.Globalization;
using Sweep.Training;

namespace Sweep.Client.Cluster;

/// <summary>
/// How long connecting to a cluster may take before the command gives up: <c>--connect-timeout SECONDS</c>, else the
/// environment variable <c>SWEEP_CONNECT_TIMEOUT</c> (seconds), else <see cref="Default"/>.
/// </summary>
public static class ConnectTimeout
{
    public const string Variable = "SWEEP_CONNECT_TIMEOUT";
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);
    public const double MaxSeconds = 3600;

    public static TimeSpan Resolve(double? option)
    {
        if (option is { } seconds) return Checked(seconds, "--connect-timeout");
        var env = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(env)) return Default;
        return double.TryParse(env, NumberStyles.Float, CultureInfo.InvariantCulture, out var fromEnv)
            ? Checked(fromEnv, Variable)
            : throw new InvalidInputException($"{Variable}: '{env}' is not a number of seconds");
    }

    private static TimeSpan Checked(double seconds, string source) =>
        double.IsFinite(seconds) && seconds > 0 && seconds <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidInputException($"{source}: must be > 0 and <= {MaxSeconds} seconds (got {seconds.ToString(CultureInfo.InvariantCulture)})");
}
