using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Platform.Cli.Local;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Runs;
using Platform.Silo.Store.Sqlite;
using Platform.Testing.Browser;
using Xunit.Abstractions;

namespace Platform.Cli.Tests;

/// <summary>
/// Issue 7's benchmarks against the local platform (SQLite, dashboard on): the runs table of an experiment with 10,000 runs
/// (the runs/search calls the page makes: first page, sorted by a metric, filtered), and the compare view of 100 runs with
/// 10,000 steps each in headless Chromium, from navigation to every chart drawn. Seeding goes straight into the store's tables
/// in one transaction (10,000 runs through the API would take minutes here). Results: bench/RESULTS.md, "Dashboard (issue 7)".
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class DashboardBenchmarkTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : EmbeddedPlatformTest("platform-dashboard-bench", withDashboard: true), IClassFixture<ChromiumBrowser>
{
    private const int TableRuns = 10_000, CompareRuns = 100, Steps = 10_000, Repeats = 15;
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Runs_table_of_10000_runs_first_page_sort_and_filter_under_300_ms()
    {
        var experimentId = await SeedAsync("bench-table", TableRuns, steps: 1);
        var tracking = Platform.Client.Tracking;
        var queries = new (string Name, RunQuery Query)[]
        {
            ("first page (newest first)", RunQuery.Default),
            ("sorted by metrics.cost", RunQuery.Parse(null, null, "metrics.cost", "asc")),
            ("filter metrics.cost < 0.3 and params.optimizer = 'adam'", RunQuery.Parse("metrics.cost < 0.3 and params.optimizer = 'adam'", null, null, null)),
            ("filter + status chip + sort by param", RunQuery.Parse("params.optimizer != 'gd'", "FINISHED", "params.learning_rate", "desc")),
        };

        var failures = new List<string>();
        foreach (var (name, query) in queries)
        {
            // What ExperimentRuns sends: one runs/search of a page of 100 with the page's filter and order.
            var times = new List<double>();
            int count = 0;
            for (var i = 0; i < Repeats + 1; i++)
            {
                var watch = Stopwatch.StartNew();
                var page = await tracking.SearchRunsAsync([experimentId], query.ServerFilter(), 100, query.OrderBy());
                watch.Stop();
                count = page.Runs!.Count;
                if (i > 0)
                    times.Add(watch.Elapsed.TotalMilliseconds); // the first call warms the connection pool and JIT
            }

            var median = Median(times);
            output.WriteLine($"| runs table, {name} | {count} runs | median {median:0} ms, max {times.Max():0} ms |");
            Assert.Equal(100, count);
            if (median >= 300)
                failures.Add($"{name}: {median:0} ms");
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public async Task Compare_view_of_100_runs_with_10000_steps_is_interactive_under_1500_ms()
    {
        var experimentId = await SeedAsync("bench-compare", CompareRuns, Steps);
        var runIds = (await Platform.Client.Tracking.SearchRunsAsync([experimentId], maxResults: CompareRuns)).Runs!.Select(r => r.Info.RunId).ToArray();
        var url = new Uri(Platform.BaseAddress, "compare?runs=" + string.Join(',', runIds)).ToString();
        // The one API call the page makes, without the page: the runs with their downsampled histories (200 points a run).
        for (var i = 0; i < 2; i++)
        {
            var api = Stopwatch.StartNew();
            var found = await Platform.Client.SearchHistoriesAsync(new HistorySearch(runIds, MaxPoints: 200));
            Assert.Equal(CompareRuns, found.Count);
            output.WriteLine($"| compare view API call (runs/histories/search) {(i == 0 ? "(cold)" : "(warm)")} | {api.Elapsed.TotalMilliseconds:0} ms |");
        }

        var page = await chromium.NewPageAsync();
        try
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var watch = Stopwatch.StartNew();
                await page.GotoAsync(url);
                await page.Locator("main[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
                await Assertions.Expect(page.Locator("[data-testid=chart-cost] polyline")).ToHaveCountAsync(CompareRuns, new() { Timeout = 120_000 });
                await Assertions.Expect(page.Locator("[data-testid=pc-line]")).ToHaveCountAsync(CompareRuns, new() { Timeout = 120_000 });
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
                output.WriteLine($"| compare view, 100 runs x 10,000 steps, navigation {i + 1}{(i == 0 ? " (cold: histories read from the store)" : "")} | {watch.Elapsed.TotalMilliseconds:0} ms |");
            }

            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "bench-compare-100.png"), FullPage = false });
            Assert.True(Median(times.Skip(1).ToList()) < 1500, $"compare view: {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// An experiment of <paramref name="runs"/> finished runs, each with params learning_rate, optimizer, num_iterations and a
    /// cost metric of <paramref name="steps"/> points (plus a final accuracy), written in one transaction.
    /// </summary>
    private async Task<string> SeedAsync(string name, int runs, int steps)
    {
        var experimentId = await Platform.Client.Tracking.CreateExperimentAsync(name);
        var watch = Stopwatch.StartNew();
        var store = new SqliteTrackingStore(EmbeddedPlatform.HomeStorePath(Home.Path));
        await store.MigrateAsync();
        await using var connection = new SqliteConnection($"Data Source={EmbeddedPlatform.HomeStorePath(Home.Path)};Foreign Keys=True");
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var random = new Random(7);
        var optimizers = new[] { "gd", "momentum", "adam" };
        var runRows = new List<object>();
        var paramRows = new List<object>();
        var metricRows = new List<object>();
        var latestRows = new List<object>();
        const long t0 = 1_795_599_000_000;
        for (var r = 0; r < runs; r++)
        {
            var id = Guid.NewGuid().ToString("N");
            var lr = Math.Pow(10, -4 + 3 * random.NextDouble());
            var final = 0.05 + 0.6 * random.NextDouble();
            runRows.Add(new { id, exp = long.Parse(experimentId, CultureInfo.InvariantCulture), runName = $"run-{r}", start = t0 + r * 1000L, end = t0 + r * 1000L + 900 });
            paramRows.Add(new { id, key = "learning_rate", value = lr.ToString("R", CultureInfo.InvariantCulture) });
            paramRows.Add(new { id, key = "optimizer", value = optimizers[r % 3] });
            paramRows.Add(new { id, key = "num_iterations", value = steps.ToString(CultureInfo.InvariantCulture) });
            for (var s = 0; s < steps; s++)
            {
                // From 0.69 down to the run's final cost at its last step, with a little noise on the way.
                var left = 1 - (s + 1.0) / steps;
                var cost = final + (0.69 - final) * left * left + 0.01 * left * random.NextDouble();
                metricRows.Add(new { id, key = "cost", ts = t0 + r * 1000L + s, step = (long)s, value = cost });
                if (s == steps - 1)
                    latestRows.Add(new { id, key = "cost", ts = t0 + r * 1000L + s, step = (long)s, value = cost });
            }

            metricRows.Add(new { id, key = "accuracy", ts = t0 + r * 1000L + steps, step = (long)steps, value = 1 - final });
            latestRows.Add(new { id, key = "accuracy", ts = t0 + r * 1000L + steps, step = (long)steps, value = 1 - final });
        }

        await connection.ExecuteAsync(
            "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, artifact_uri, lifecycle_stage) " +
            "VALUES (@id, @exp, @runName, 'FINISHED', @start, @end, '', 'active')", runRows, tx);
        await connection.ExecuteAsync("INSERT INTO params (run_id, key, value) VALUES (@id, @key, @value)", paramRows, tx);
        // Points are stored under their series' id, which the latest row assigns (store migration 9).
        await connection.ExecuteAsync("INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan) VALUES (@id, @key, @ts, @step, @value, 0)", latestRows, tx);
        await connection.ExecuteAsync(
            "INSERT INTO metric_points (series_id, step, timestamp, value, is_nan) " +
            "SELECT series_id, @step, @ts, @value, 0 FROM latest_metrics WHERE run_id = @id AND key = @key", metricRows, tx);
        await tx.CommitAsync();
        output.WriteLine($"seeded {runs:N0} runs x {steps:N0} steps in {watch.Elapsed.TotalSeconds:0.0} s");
        return experimentId;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
