using System.Collections.Concurrent;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Api;

/// <summary>
/// The API while its PostgreSQL server is stopped (the shared test server: stopped and started again within the test, which the
/// collection runs alone): calls are answered 503 TEMPORARILY_UNAVAILABLE, and succeed again once the server is back.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseOutageApiTests(PostgresServer server)
{
    [Fact]
    public async Task Calls_while_the_database_is_down_get_503_temporarily_unavailable_and_go_through_once_it_is_back()
    {
        var logs = new ConcurrentQueue<string>();
        await using var host = await TrackingApiHost.StartAsync(new StoreOptions { Provider = "postgres", ConnectionString = await server.CreateDatabaseAsync("api_outage") }, logs);
        var tracking = new TrackingClient(host.Http);
        var runId = (await tracking.CreateRunAsync(DefaultExperiment.Id)).Info.RunId;
        await tracking.LogBatchAsync(runId, metrics: [new Metric("loss", 1.0, 1, 1)]); // the pool now holds connections that the stop kills

        var during = new List<PlatformApiException>();
        await server.StopAsync();
        try
        {
            // The first calls find the pool's dead connections, the later ones a refused connection: both are the database's state.
            for (var i = 0; i < 3; i++)
                during.Add(await Assert.ThrowsAsync<PlatformApiException>(() => tracking.LogBatchAsync(runId, metrics: [new Metric("loss", 0.5, 2, 2)])));
            during.Add(await Assert.ThrowsAsync<PlatformApiException>(() => tracking.GetRunAsync(runId)));
        }
        finally
        {
            await server.StartAgainAsync();
        }

        await TransientRetry.RunAsync(c => tracking.LogBatchAsync(runId, metrics: [new Metric("loss", 0.5, 2, 2)], ct: c), CancellationToken.None);

        Assert.All(during, e =>
        {
            Assert.Equal((503, ErrorCodes.TemporarilyUnavailable), (e.HttpStatus, e.ErrorCode));
            Assert.StartsWith("the tracking database is unavailable: ", e.Message);
            Assert.EndsWith("; retry", e.Message);
            Assert.DoesNotContain($":{server.Port}", e.Message); // the database's address is for the server log only
        });
        Assert.Equal([1L, 2L], (await tracking.GetMetricHistoryAsync(runId, "loss")).Select(m => m.Step));
        Assert.Contains(logs, l => l.StartsWith("Warning Platform.Silo.Api.ApiExceptionMiddleware: POST /api/2.0/mlflow/runs/log-batch answered 503: the tracking database is unavailable: ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal)); // no stack traces
    }
}
