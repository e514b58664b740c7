using Microsoft.Playwright;
using Platform.Cli.Tests.Infrastructure;
using Platform.Testing.Browser;

namespace Platform.Cli.Tests;

/// <summary>
/// The sweep pages as local mode serves them, in headless Chromium, against the real scheduler and worker: a sweep submitted
/// through the form runs to its end while its page updates by itself, two of its runs are compared, the cluster page shows
/// the worker, and a sweep file with an error shows the server's message at its line and cannot be submitted.
/// </summary>
public sealed class LocalSweepDashboardBrowserTests(ChromiumBrowser chromium)
    : EmbeddedPlatformTest("platform-sweep-dashboard", withDashboard: true), IClassFixture<ChromiumBrowser>
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task A_sweep_submitted_through_the_form_completes_live_and_two_of_its_runs_compare()
    {
        var (page, problems) = await OpenAsync();
        try
        {
            await page.GotoAsync(Url("sweeps/new"), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-testid=assignment]").SelectOptionAsync("sleep");
            // A grid of three trials of the sleep job, about 1.5 s each: long enough to watch, short enough for a test.
            await SetAsync(page, "duration_ms", "Constant", "value", "1500");
            await SetAsync(page, "steps", "Constant", "value", "6");
            await SetAsync(page, "slope", "Values", "values", "-0.1, -0.05, -0.02");
            await Assertions.Expect(page.Locator("[data-testid=validation-state]")).ToHaveTextAsync("valid · grid sweep of sleep, 3 trials");
            await Assertions.Expect(page.Locator("[data-testid=submit]")).ToBeEnabledAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("sweep-submit.png"), FullPage = true });

            await page.Locator("[data-testid=submit]").ClickAsync();
            await page.WaitForURLAsync("**/sweeps/*");
            // A mark on the document: still there at the end proves the page changed by pushed updates, not by a reload.
            await page.EvaluateAsync("() => window.__notReloaded = true");
            await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("RUNNING");
            await Assertions.Expect(page.Locator("[data-testid=live]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=count-running]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            await Assertions.Expect(page.Locator("[data-testid=sweep-state]")).ToHaveTextAsync("FINISHED", new() { Timeout = 60_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
            await Assertions.Expect(page.Locator("[data-testid=count-finished]")).ToHaveTextAsync("3 finished");
            await Assertions.Expect(page.Locator("[data-testid=trial-state]")).ToHaveTextAsync(["FINISHED", "FINISHED", "FINISHED"]);
            await Assertions.Expect(page.Locator("[data-testid=sweep-chart] polyline[data-testid=series]")).ToHaveCountAsync(3);
            // loss = 1.0 + slope · step: the best of the three is slope -0.1 at step 6.
            await Assertions.Expect(page.Locator("[data-testid=best-value]")).ToHaveTextAsync("0.4");
            await Assertions.Expect(page.Locator("[data-testid=live]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid^=action-]")).ToHaveCountAsync(0);
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("sweep-page.png"), FullPage = true });

            // A trial's log, shipped by the worker from its trial process, between the platform's lifecycle events.
            await page.Locator("[data-testid=trial-row] a").First.ClickAsync();
            await page.Locator("[data-testid=tab-logs]").ClickAsync();
            var messages = page.Locator("[data-testid=log-line] .log-message");
            await Assertions.Expect(messages.Last).ToHaveTextAsync("finished");
            var lines = (await messages.AllTextContentsAsync()).ToList();
            Assert.Equal("queued", lines[0]);
            var running = lines.FindIndex(l => l.StartsWith("running on worker ", StringComparison.Ordinal));
            Assert.True(running >= 1 && lines.IndexOf("Information: step 1: loss 0.9") > running, string.Join(" | ", lines));
            Assert.Contains("Information: step 6: loss 0.4", lines);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("run-logs-live.png"), FullPage = true });
            await page.GoBackAsync();
            await page.Locator("main[data-interactive=true]").WaitForAsync();

            var selects = page.Locator("[data-testid=trial-row] [data-testid=select]");
            await selects.Nth(0).CheckAsync();
            await selects.Nth(2).CheckAsync();
            // The link's address is rendered by the server after each change: clicking before the second one arrives compares one run.
            await Assertions.Expect(page.Locator("[data-testid=compare]")).ToHaveTextAsync("Compare (2)");
            await page.Locator("[data-testid=compare]").ClickAsync();
            await page.WaitForURLAsync("**/compare?runs=*");
            await Assertions.Expect(page.Locator("[data-testid=chart-loss-plot] polyline[data-testid=series]")).ToHaveCountAsync(2);
            await page.Locator("[data-testid=differences-only]").CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=compare-row] th")).ToHaveTextAsync(["slope", "loss"]);
            await Assertions.Expect(page.Locator("[data-testid=compare-row]").First).ToContainTextAsync("-0.1");
            await Assertions.Expect(page.Locator("[data-testid=pc-line]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=scatter-point]")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("sweep-compare.png"), FullPage = true });

            await page.GotoAsync(Url("cluster"));
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator("[data-testid=worker-row]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=worker-row] [data-testid=worker-trials]")).ToHaveTextAsync("idle");
            await Assertions.Expect(page.Locator("[data-testid=queue-empty]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("cluster.png"), FullPage = true });

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_sweep_file_with_errors_shows_each_at_its_line_and_cannot_be_submitted()
    {
        var (page, problems) = await OpenAsync();
        try
        {
            await page.GotoAsync(Url("sweeps/new"), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-testid=yaml-input]").FillAsync(
                "assignment: sleep\nname: broken\nmethod: grid\nmetric:\n  name: cost\nparameters:\n  steps:\n    value: 0\n");

            await Assertions.Expect(page.Locator("[data-testid=error-line]")).ToHaveTextAsync(["5", "8"]);
            await Assertions.Expect(page.Locator("[data-testid=line-error][data-line='5']")).ToContainTextAsync("unknown metric 'cost' for sleep");
            await Assertions.Expect(page.Locator("[data-testid=line-error][data-line='8']")).ToContainTextAsync("parameters.steps.value");
            await Assertions.Expect(page.Locator("[data-testid=submit]")).ToBeDisabledAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("sweep-submit-errors.png"), FullPage = true });

            Assert.Empty(await Platform.Client.ListSweepsAsync());
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task SetAsync(IPage page, string parameter, string mode, string field, string value)
    {
        var row = page.Locator($"[data-testid=param-{parameter}]");
        await row.Locator("[data-testid=mode]").SelectOptionAsync(mode);
        await row.Locator($"[data-testid={field}]").FillAsync(value);
    }

    private async Task<(IPage Page, List<string> Problems)> OpenAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var page = await chromium.NewPageAsync(1280, 900);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"HTTP {response.Status} {response.Url}"); };
        return (page, problems);
    }

    private string Url(string relative) => new Uri(Platform.BaseAddress, relative).ToString();

    private static string Shot(string name) => Path.Combine(ScreenshotDirectory, name);
}
