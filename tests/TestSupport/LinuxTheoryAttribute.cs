namespace Sweep.TestSupport;

/// <summary>The theory form of <see cref="LinuxFactAttribute"/>: elsewhere than Linux every case is skipped with the reason.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    /// <param name="why">What the test relies on that only Linux has.</param>
    public LinuxTheoryAttribute(string why)
    {
        if (!OperatingSystem.IsLinux()) Skip = $"needs Linux: {why}";
    }
}
