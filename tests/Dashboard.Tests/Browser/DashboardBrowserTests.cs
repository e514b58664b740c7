using Microsoft.Playwright;
using Platform.Testing.Browser;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Browser;

/// <summary>Proves the browser fixture end to end: the dashboard served by Kestrel, styled, interactive, and photographed.</summary>
public sealed class DashboardBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    /// <summary>Screenshots land in the test output folder, to be looked at after a run.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Runs_table_and_run_page_render_in_chromium()
    {
        await using var host = await DashboardTestHost.StartAsync(SampleData.Create(), new FixedClock(SampleData.Now));
        var page = await chromium.NewPageAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        // Anything the page fails to load (stylesheet, blazor.web.js, the circuit) or logs as an error fails the test.
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"failed {request.Url}: {request.Failure}");

        try
        {
            await page.GotoAsync(new Uri(host.Address, "experiments/1").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Assertions.Expect(page.Locator("[data-testid=run-row]")).ToHaveCountAsync(3);
            // The stylesheet came from the Razor class library's static assets: the FINISHED badge is green.
            var badgeColor = await page.Locator(".badge-finished").EvaluateAsync<string>("e => getComputedStyle(e).color");
            Assert.Equal("rgb(26, 127, 60)", badgeColor);
            // blazor.web.js is served and the interactive circuit is up.
            await page.WaitForFunctionAsync("() => typeof window.Blazor === 'object'");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "runs-table.png"), FullPage = true });

            // Clicking a run navigates (Blazor's enhanced navigation) to the run page.
            await page.Locator("[data-testid=run-row] a", new PageLocatorOptions { HasText = "lr-0.005" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=run-name]")).ToHaveTextAsync("lr-0.005");
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] circle")).ToHaveCountAsync(20);
            Assert.EndsWith("/runs/" + SampleData.FinishedRunId, page.Url);
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-page.png"), FullPage = true });

            await page.GotoAsync(new Uri(host.Address, "runs/" + SampleData.FailedRunId).ToString());
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] circle")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-failed.png"), FullPage = true });

            await page.GotoAsync(host.Address.ToString());
            await Assertions.Expect(page.Locator("[data-testid=experiment-row]")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "experiments.png") });

            await page.GotoAsync(new Uri(host.Address, "runs/abc").ToString());
            await Assertions.Expect(page.Locator("[data-testid=error]")).ToHaveTextAsync("Run 'abc' not found.");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-not-found.png") });

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            // Closing the page ends the circuit; a host stopped under an open circuit waits out its shutdown timeout.
            await page.Context.CloseAsync();
        }
    }
}
