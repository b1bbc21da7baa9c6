using Microsoft.Playwright;
using Sweep.TestSupport.Components;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, headless and offline: the browser on this machine, never a downloaded one
/// (no <c>playwright install</c>). A machine without it fails the test with how to install it.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    public IBrowser Chromium { get; }

    private Browser(IPlaywright playwright, IBrowser chromium) => (_playwright, Chromium) = (playwright, chromium);

    public static async Task<Browser> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("SWEEP_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
            throw new ComponentMissingException($"chromium is not installed at {path}: 'apt-get install chromium' (Debian), or set SWEEP_CHROMIUM to a Chromium binary; the browser tests never download one");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh page (its own context, so downloads are accepted) at <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(string url)
    {
        var context = await Chromium.NewContextAsync(new() { AcceptDownloads = true, ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Keeps a full-page screenshot as a test artifact: <c>artifacts/dashboard/NAME.png</c> in the test output directory.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard")).FullName;
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        _playwright.Dispose();
    }
}
