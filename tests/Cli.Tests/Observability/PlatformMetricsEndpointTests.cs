using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.ServiceDefaults;

namespace Platform.Cli.Tests.Observability;

/// <summary>
/// Meters are process-wide: OpenTelemetry listens to every meter of a name, so another test's platform in this process would
/// add to (and, when it stops, end) the series scraped here. This collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "process-wide metrics";
}

/// <summary>A sleep sweep on a local platform, seen through its Prometheus scrape endpoint while it runs and once it ended.</summary>
[Collection(MetricsCollection.Name)]
public sealed class PlatformMetricsEndpointTests() : EmbeddedPlatformTest("platform-metrics", trialsInOwnProcess: false)
{
    private const int Trials = 3;
    private const int Steps = 4;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Probes_answer_and_metrics_show_the_queue_the_trials_by_state_grain_calls_and_ingested_points()
    {
        using var http = new HttpClient { BaseAddress = Platform.BaseAddress };
        Assert.Equal("Healthy", await http.GetStringAsync(DefaultEndpoints.Liveness));
        Assert.Equal("Healthy", await http.GetStringAsync(DefaultEndpoints.Readiness)); // the store answers and the silo is active

        // One CPU slot, a grid of three 1.6 s trials started at once: while the first runs, two wait in the queue.
        var submitted = await Platform.Client.SubmitSweepAsync($$"""
            assignment: sleep
            method: grid
            metric: {name: loss, goal: minimize}
            parameters:
              slope: {values: [-0.01, -0.02, -0.03]}
              steps: {value: {{Steps}}}
              duration_ms: {value: 1600}
            """);
        var running = await ScrapeUntilAsync(http, m => m.Find("platform_trials_active", ("state", "running")) == 1);
        Assert.Equal(Trials - 1, Active(running, "queued"));
        Assert.Equal(Trials - 1, running.Value("platform_scheduler_queue_length"));

        var sweep = await Platform.Client.WaitForSweepAsync(submitted.SweepId!, Poll);
        var runs = await Platform.Client.WaitForRunsAsync(sweep.RunIds, Poll);
        Assert.All(runs, r => Assert.Equal(RunStatus.FINISHED, r.Info.Status));
        var stored = 0;
        foreach (var run in runs)
        {
            stored += (await Platform.Client.Tracking.GetMetricHistoryAsync(run.Info.RunId, "loss")).Count;
        }

        Assert.Equal(Trials * Steps, stored);

        // A scrape may be served from the exporter's short cache: wait for one taken after the last trial ended.
        var ended = await ScrapeUntilAsync(http, m => m.Find("platform_trials_ended_total", ("state", "finished")) == Trials
            && m.Find("platform_metric_points_ingested_total") == stored);
        Assert.Equal(Trials, ended.Value("platform_trials_ended_total", ("state", "finished")));
        foreach (var state in new[] { "queued", "leased", "running" })
        {
            Assert.Equal(0, Active(ended, state));
        }

        Assert.Equal(0, ended.Value("platform_scheduler_queue_length"));
        Assert.Equal(stored, ended.Value("platform_metric_points_ingested_total"));
        Assert.Equal(1, ended.Value("platform_grain_calls_total", ("grain", "SweepGrain"), ("method", nameof(ISweepGrain.Submit))));
        // A sweep creates its trials, then queues them in suggestion order.
        Assert.Equal(Trials, ended.Value("platform_grain_calls_total", ("grain", "TrialGrain"), ("method", nameof(ITrialGrain.Create))));
        Assert.Equal(Trials, ended.Value("platform_grain_calls_total", ("grain", "TrialGrain"), ("method", nameof(ITrialGrain.Queue))));
        Assert.Equal(Trials, ended.Value("platform_grain_calls_total", ("grain", "TrialGrain"), ("method", nameof(ITrialGrain.Complete))));
        Assert.True(ended.Value("platform_grain_calls_total", ("grain", "SchedulerGrain"), ("method", nameof(ISchedulerGrain.TryLease))) >= Trials);

        // Orleans', ASP.NET Core's and the runtime's own meters are exported beside the platform's.
        Assert.True(ended.HasPrefix("orleans_"), "no Orleans series");
        Assert.True(ended.HasPrefix("http_server_request_duration_seconds"), "no ASP.NET Core series");
        Assert.True(ended.HasPrefix("dotnet_"), "no runtime series");
    }

    private static double Active(PrometheusText metrics, string state) => metrics.Value("platform_trials_active", ("state", state));

    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = PrometheusText.Parse(await http.GetStringAsync(DefaultEndpoints.Metrics));
            if (done(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(Poll);
        }
    }
}
