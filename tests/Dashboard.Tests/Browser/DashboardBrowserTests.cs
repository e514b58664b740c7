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
        var (page, problems) = await OpenPageAsync();

        try
        {
            await page.GotoAsync(new Uri(host.Address, "experiments/1").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Assertions.Expect(page.Locator("[data-testid=run-row]")).ToHaveCountAsync(3);
            // blazor.web.js is served and the interactive circuit is up (clicks before that are lost; the prerendered rows are
            // replaced meanwhile, so a style read before it may hit a detached element).
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            // The stylesheet came from the Razor class library's static assets: the FINISHED badge is green.
            var badgeColor = await page.Locator(".badge-finished").EvaluateAsync<string>("e => getComputedStyle(e).color");
            Assert.Equal("rgb(26, 127, 60)", badgeColor);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "runs-table.png"), FullPage = true });

            // Clicking a run navigates (Blazor's enhanced navigation) to the run page.
            await page.Locator("[data-testid=run-row] a", new PageLocatorOptions { HasText = "lr-0.005" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=run-name]")).ToHaveTextAsync("lr-0.005");
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] circle")).ToHaveCountAsync(20);
            Assert.EndsWith("/runs/" + SampleData.FinishedRunId, page.Url);
            // The artifacts: the plots folder shows its images inline, served through the dashboard's artifact endpoint.
            await page.Locator("[data-testid=folder]", new PageLocatorOptions { HasText = "plots" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=artifact-image]")).ToHaveCountAsync(2);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=artifact-image]')].every(i => i.complete && i.naturalWidth === 240)");
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-page.png"), FullPage = true });

            await page.GotoAsync(new Uri(host.Address, "runs/" + SampleData.FailedRunId).ToString());
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] circle")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=artifacts]")).ToContainTextAsync("No artifacts.");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-failed.png"), FullPage = true });
            // The Logs tab: the platform's lifecycle events and the job's own lines, in order, errors in red.
            await page.Locator("[data-testid=tab-logs]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=log-line]")).ToHaveCountAsync(8);
            await Assertions.Expect(page.Locator("[data-testid=log-line] .log-message").Last).ToHaveTextAsync("failed: cost became NaN at iteration 300");
            Assert.Equal("rgb(198, 40, 40)", await page.Locator(".log-error .log-message").Last.EvaluateAsync<string>("e => getComputedStyle(e).color"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-logs.png"), FullPage = true });

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

    [Fact]
    public async Task Filter_select_and_compare_two_runs_in_chromium()
    {
        await using var host = await DashboardTestHost.StartAsync(SampleData.Create(), new FixedClock(SampleData.Now));
        var (page, problems) = await OpenPageAsync();
        try
        {
            // A filter the server refuses: its message under the box, the page still alive.
            await page.GotoAsync(new Uri(host.Address, "experiments/1").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-testid=search]").FillAsync("metrics.cost <");
            await page.Locator("[data-testid=search]").PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-testid=filter-error]")).ToContainTextAsync("Invalid filter");

            // A valid filter, a status chip and a sort: all in the address, all done by the (fake) server.
            await page.Locator("[data-testid=search]").FillAsync("metrics.cost < 0.5");
            await page.Locator("[data-testid=search]").PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-testid=run-row]")).ToHaveCountAsync(2);
            await page.Locator("[data-key='metrics.cost'] a").ClickAsync();
            await Assertions.Expect(page.Locator("[data-key='metrics.cost']")).ToHaveAttributeAsync("aria-sort", "ascending");
            Assert.Contains("sort=metrics.cost", page.Url);
            Assert.Contains("filter=metrics.cost", page.Url);

            await page.Locator("[data-testid=chip-FINISHED]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chip-FINISHED]")).ToHaveAttributeAsync("aria-pressed", "true");
            await page.Locator("[data-testid=chip-RUNNING]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chip-RUNNING]")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.Locator("[data-testid=run-row]")).ToHaveCountAsync(2);
            Assert.Contains("status=RUNNING,FINISHED", Uri.UnescapeDataString(page.Url));
            await page.Locator("[data-testid=select]").Nth(0).CheckAsync();
            await page.Locator("[data-testid=select]").Nth(1).CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=compare]")).ToHaveTextAsync("Compare (2)");
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "runs-table-filter.png"), FullPage = true });

            await page.Locator("[data-testid=compare]").ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compare 2 runs");
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] polyline")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] [data-testid=legend] li")).ToHaveTextAsync(["lr-0.005", "lr-0.01"]);
            await page.Locator("[data-testid=differences-only]").CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=compare-row]")).ToHaveCountAsync(5);
            // Metrics logged once per run are in the table, not charted.
            await Assertions.Expect(page.Locator("[data-testid=chart-test_accuracy]")).ToHaveCountAsync(0);
            await page.Mouse.MoveAsync(0, 0);
            // Parameters against a metric: a line per run across the axes that differ, and a dot per run in the scatter.
            await Assertions.Expect(page.Locator("[data-testid=pc-line]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=scatter-point]")).ToHaveCountAsync(2);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "compare.png"), FullPage = true });

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Sweep_page_with_rungs_column_chooser_and_wall_time_axis_in_chromium()
    {
        var api = SampleData.Create();
        api.Sweeps[SampleSweeps.SweepId] = SampleSweeps.Running();
        await using var host = await DashboardTestHost.StartAsync(api, new FixedClock(SampleData.Now));
        var (page, problems) = await OpenPageAsync();
        try
        {
            await page.GotoAsync(new Uri(host.Address, "sweeps/" + SampleSweeps.SweepId).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator("[data-testid=rung-row]")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("[data-testid=pruned-cell]")).ToHaveTextAsync("0.94 ✕");
            // The pruned cell is marked in colour, not only by its sign.
            Assert.Equal("rgb(255, 242, 229)", await page.Locator("[data-testid=pruned-cell]").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            await page.Locator("[data-testid=action-cancel]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=confirm]")).ToBeVisibleAsync();
            await page.Mouse.MoveAsync(0, 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "sweep-asha.png"), FullPage = true });

            await page.GotoAsync(new Uri(host.Address, "experiments/1?hide=params.print_cost").ToString());
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator("[data-testid=param-col]")).ToHaveTextAsync(["learning_rate", "num_iterations"]);
            await page.Locator("[data-testid=columns] summary").ClickAsync();
            await page.Locator("[data-testid=column-option]", new PageLocatorOptions { HasText = "test_accuracy" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=metric-col]")).ToHaveTextAsync(["cost", "train_accuracy"]);
            // The menu stays open across the change, so several columns can be picked in a row.
            await Assertions.Expect(page.Locator("[data-testid=column-option]").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "runs-columns.png"), FullPage = true });

            await page.GotoAsync(new Uri(host.Address, "runs/" + SampleData.FinishedRunId).ToString());
            await page.Locator("main[data-interactive=true]").WaitForAsync();
            await page.Locator("[data-testid=chart-cost] [data-testid=x-axis]").SelectOptionAsync("wall");
            await Assertions.Expect(page.Locator("[data-testid=chart-cost] text.axis-label")).ToHaveTextAsync("seconds since start");
            await page.Mouse.MoveAsync(0, 0);
            await page.Locator("[data-testid=chart-cost]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "run-wall-time.png") });

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A fresh page whose failures (stylesheet, blazor.web.js, the circuit, images) and console errors are collected.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenPageAsync()
    {
        var page = await chromium.NewPageAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
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
        return (page, problems);
    }
}
