using System.Diagnostics;

namespace Sweep.Grains.Tests.Hosting;

/// <summary>The silo process (sweep-silo, built next to the tests) with a bad setting: exit 2 and a message naming it, no stack trace.</summary>
[Category(Category.Cluster)]
public sealed class SiloProcessTests
{
    [Fact]
    public async Task A_bad_setting_stops_the_silo_process_with_exit_code_2_naming_the_setting()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep-silo.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["Sweep__Slots"] = "-1";
        start.Environment["Sweep__Storage"] = "s3";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var error = await stderr;
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("sweep-silo: invalid configuration:", error);
        Assert.Contains("Sweep:Storage: 's3' is not one of memory, file, azure", error);
        Assert.DoesNotContain("   at ", error + await stdout);
    }
}
