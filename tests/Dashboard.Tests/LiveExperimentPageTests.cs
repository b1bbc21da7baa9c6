using System.Text.Json;
using Microsoft.Playwright;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Interfaces;
using Sweep.Grains.Trials;
using Sweep.Training.Peft;
using static Microsoft.Playwright.Assertions;

namespace Sweep.Dashboard.Tests;

/// <summary>
/// The web dashboard in a real browser against a real silo running a simulated sweep: the trial table follows the sweep
/// live (one observer subscription for every browser), the results appear when it finishes, the downloads are the
/// contract files, names are shown as text, and cancelling needs the token. Screenshots of each page are kept in
/// <c>artifacts/dashboard/</c> of the test output directory.
/// </summary>
[Category(Category.Cluster)]
public sealed class LiveExperimentPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan SweepTime = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_trial_table_follows_the_sweep_without_reload_and_the_results_appear()
    {
        var id = await Sweeps.SubmitAsync(fixture.Client, Sweeps.Make("dash-live", ["B-FP", "B-Q4"], seeds: 6));
        // A trained adapter where the silo's artifact store keeps it (simulated trials store none): the results offer it
        // for download, read through the cluster.
        new TrialArtifacts(new LocalDirectoryArtifactStore(fixture.ArtifactsPath), id)
            .SaveAdapter("sentiment/B-FP/r8/s1", new PeftAdapterFiles([1, 2, 3], """{"r": 8}"""));
        var feedsBefore = fixture.Feeds.FeedsStarted;

        var page = await fixture.Browser.OpenAsync(fixture.Url + Sweeps.PagePath(id));
        var second = await fixture.Browser.OpenAsync(fixture.Url + Sweeps.PagePath(id));
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        var rows = page.Locator("#trials tbody tr");
        await Expect(rows).ToHaveCountAsync(12, new() { Timeout = 30_000 });
        await Expect(page.Locator("#trials tbody tr:not(.state-Completed)").First).ToBeVisibleAsync(); // seen while it runs
        Assert.Equal(1, fixture.Feeds.FeedsStarted - feedsBefore); // two browsers, one subscription
        var feed = fixture.Feeds.Find(id)!;
        Assert.Equal(2, feed.ListenerCount);
        await Browser.ScreenshotAsync(page, "experiment-running");

        await Expect(page.Locator("#trials tbody tr.state-Completed")).ToHaveCountAsync(12, new() { Timeout = (float)SweepTime.TotalMilliseconds });
        await Expect(page.Locator("#state")).ToHaveTextAsync("Completed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
        Assert.True(feed.Notifications > 0, "the feed heard no change notification from the experiment");
        await Expect(page.Locator("#verdicts li").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("table.table1 tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#significance tbody tr").First).ToBeVisibleAsync();
        var figures = page.Locator("#figures img");
        Assert.True(await figures.CountAsync() > 0, "no figure shown");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#figures img')].every(i => i.complete && i.naturalWidth > 0)");
        await Expect(second.Locator("#trials tbody tr.state-Completed")).ToHaveCountAsync(12);
        await Browser.ScreenshotAsync(page, "experiment-finished");
        // Both pages close their streams once the sweep has finished: the feed ends and its subscription with it.
        await Sweeps.Until(() => Task.FromResult(fixture.Feeds.Find(id)), f => f is null, TimeSpan.FromSeconds(30), "the feed to end");
        await feed.Completion;

        var json = await DownloadAsync(page, "results.json");
        using (var doc = JsonDocument.Parse(json))
        {
            Assert.Equal(id, doc.RootElement.GetProperty("experiment").GetProperty("id").GetString());
            Assert.Equal(12, doc.RootElement.GetProperty("trials").GetArrayLength());
            Assert.All(doc.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("Completed", t.GetProperty("state").GetString()));
        }
        var csv = (await DownloadAsync(page, "trials.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,task,preset,", csv[0]);
        Assert.Equal(13, csv.Length);
        Assert.Equal("""{"r": 8}""", await DownloadAsync(page, "sentiment/B-FP/r8/s1/adapter_config.json"));
        Assert.Equal(1, await page.Locator("#adapters a", new() { HasText = "adapter_model.safetensors" }).CountAsync()); // only the trial with a stored adapter
        await page.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task The_list_cluster_and_orleans_pages_show_the_cluster()
    {
        var id = await Sweeps.SubmitAsync(fixture.Client, Sweeps.Make("dash-list", ["B-FP"], seeds: 2));
        await Sweeps.Until(() => fixture.Client.GetGrain<IExperimentGrain>(id).GetCounts(), c => c.IsFinished, SweepTime, "dash-list to finish");
        var page = await fixture.Browser.OpenAsync(fixture.Url + "/");
        var row = page.Locator("#experiments tbody tr", new() { HasText = id });
        await Expect(row).ToContainTextAsync("2 Completed");
        await Expect(row).ToContainTextAsync("2/2");
        await Browser.ScreenshotAsync(page, "experiments");

        await page.GotoAsync(fixture.Url + "/cluster");
        var silo = page.Locator("#silos tbody tr");
        await Expect(silo).ToHaveCountAsync(1);
        await Expect(silo).ToContainTextAsync("worker");
        await Expect(silo).ToContainTextAsync("cpu");
        await Expect(silo).ToContainTextAsync("/ 2");
        await Browser.ScreenshotAsync(page, "cluster");

        var orleans = await page.GotoAsync(fixture.Url + "/orleans/");
        Assert.Equal(200, orleans!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Browser.ScreenshotAsync(page, "orleans");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_text()
    {
        const string name = "<script>alert(1)</script>";
        var id = await Sweeps.SubmitAsync(fixture.Client, Sweeps.Make(name, ["B-FP"], seeds: 1));
        var dialogs = 0;
        foreach (var path in new[] { "/", Sweeps.PagePath(id) })
        {
            var page = await fixture.Browser.OpenAsync(fixture.Url + path);
            page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
            await page.ReloadAsync();
            var shown = path == "/" ? page.Locator("#experiments a", new() { HasText = name }) : page.Locator("#name");
            await Expect(shown).ToHaveTextAsync(name);
            Assert.Equal(0, await page.Locator("main script").CountAsync());
            if (path != "/") await Browser.ScreenshotAsync(page, "markup-name");
            await page.Context.CloseAsync();
        }
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Cancelling_needs_the_token()
    {
        var id = await Sweeps.SubmitAsync(fixture.Client, Sweeps.Make("dash-cancel", ["B-FP", "B-Q4", "B-Ada"], seeds: 6));
        var page = await fixture.Browser.OpenAsync(fixture.Url + Sweeps.PagePath(id));
        await Expect(page.Locator("#state")).ToHaveTextAsync("Running");

        await page.ClickAsync("#cancel button[type=submit]");
        await Expect(page.Locator("#cancel-message")).ToContainTextAsync("refused (403)");
        await page.FillAsync("#cancel input[name=token]", "not-the-token");
        await page.ClickAsync("#cancel button[type=submit]");
        await Expect(page.Locator("#cancel-message")).ToContainTextAsync("wrong token");
        var direct = await page.APIRequest.PostAsync(fixture.Url + Sweeps.PagePath(id) + "/cancel");
        Assert.Equal(403, direct.Status);
        Assert.Equal(ExperimentState.Running, (await fixture.Client.GetGrain<IExperimentGrain>(id).GetCounts()).State);
        await Browser.ScreenshotAsync(page, "cancel-refused");

        await page.FillAsync("#cancel input[name=token]", DashboardFixture.Token);
        await page.ClickAsync("#cancel button[type=submit]");
        await Expect(page.Locator("#cancel-message")).ToContainTextAsync("cancelled");
        await Expect(page.Locator("#state")).ToHaveTextAsync("Cancelled", new() { Timeout = 30_000 });
        Assert.Equal(ExperimentState.Cancelled, (await fixture.Client.GetGrain<IExperimentGrain>(id).GetCounts()).State);
        await page.Context.CloseAsync();
    }

    private static async Task<string> DownloadAsync(IPage page, string linkText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[download]", new() { HasText = linkText }).First.ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path!);
    }
}
