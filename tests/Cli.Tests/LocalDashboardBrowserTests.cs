using Microsoft.Playwright;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Testing.Browser;

namespace Platform.Cli.Tests;

/// <summary>
/// The dashboard as local mode serves it, in headless Chromium, over runs the real worker trained: the runs table lists the run
/// with its params and final metrics, and the run page draws its cost curve.
/// </summary>
public sealed class LocalDashboardBrowserTests(ChromiumBrowser chromium)
    : EmbeddedPlatformTest("platform-dashboard", withDashboard: true), IClassFixture<ChromiumBrowser>
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Runs_table_and_cost_curve_of_a_trained_run_render_in_chromium()
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission("c1w2-logistic-regression"));
        var run = (await Platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(100))).Single();
        Directory.CreateDirectory(ScreenshotDirectory);
        var page = await chromium.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"HTTP {response.Status} {response.Url}"); };

        try
        {
            await page.GotoAsync(Platform.BaseAddress.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("main[data-interactive=true]").WaitForAsync(); // clicks before the circuit is up are lost
            await page.Locator("[data-testid=experiment-row] a", new PageLocatorOptions { HasText = "c1w2-logistic-regression" }).ClickAsync();

            var row = page.Locator("[data-testid=run-row]");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator("[data-testid=status]")).ToHaveTextAsync("FINISHED");
            await Assertions.Expect(row).ToContainTextAsync("0.990431"); // train_accuracy, 6 significant digits
            await Assertions.Expect(page.Locator("[data-testid=param-col]")).ToHaveTextAsync(["dtype", "learning_rate", "num_iterations"]);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "local-runs-table.png"), FullPage = true });

            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await row.Locator("a").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] [data-testid=marker]")).ToHaveCountAsync(20);
            Assert.EndsWith("/runs/" + run.Info.RunId, page.Url);
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "local-run-page.png"), FullPage = true });

            // The image artifact the job saved (cost.png) is shown inline, and opens on its own from the artifact store.
            var image = page.Locator("[data-testid=artifact-image][alt='cost.png']");
            await Assertions.Expect(image).ToHaveCountAsync(1);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=artifact-image]')].every(i => i.complete && i.naturalWidth > 100)");
            var opened = await page.Context.RunAndWaitForPageAsync(() => image.ClickAsync());
            await opened.WaitForLoadStateAsync();
            Assert.Equal("image/png", await opened.EvaluateAsync<string>("() => document.contentType"));
            await opened.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "local-artifact-image.png") });
            await opened.CloseAsync();

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            await page.Context.CloseAsync(); // ends the circuit, so the host stops without waiting for it
        }
    }
}
