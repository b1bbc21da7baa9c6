namespace Sweep.TestSupport;

/// <summary>
/// A fact that needs a Unix-like system (Linux, macOS): elsewhere it is reported as skipped with the reason,
/// never as passed.
/// </summary>
public sealed class UnixFactAttribute : FactAttribute
{
    /// <param name="why">What the test relies on that only Unix-like systems have.</param>
    public UnixFactAttribute(string why)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
            Skip = $"needs a Unix-like system: {why}";
    }
}
