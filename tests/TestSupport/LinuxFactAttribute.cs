namespace Sweep.TestSupport;

/// <summary>
/// A fact about what a Linux build of the native libraries can and cannot do: elsewhere it is reported as skipped with
/// the reason, never as passed.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <param name="why">What the test relies on that only Linux has.</param>
    public LinuxFactAttribute(string why)
    {
        if (!OperatingSystem.IsLinux()) Skip = $"needs Linux: {why}";
    }
}
