using Platform.Silo.Store;
using Platform.Silo.Tests.Api;
using Platform.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.Silo.Tests.Load;

/// <summary>
/// Eight concurrent writers through log-batch over HTTP on PostgreSQL, with resent batches: the stored count must be exact.
/// PLATFORM_INGEST_POINTS sets the points per writer (default 200,000 here; the benchmark harness runs 1,000,000).
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Slow")]
public sealed class IngestLoadTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Eight_writers_with_resent_batches_store_every_point_exactly_once()
    {
        var perWriter = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_INGEST_POINTS"), out var n) ? n : 200_000;
        await using var host = await TrackingApiHost.StartAsync(new StoreOptions
        {
            Provider = "postgres", ConnectionString = await server.CreateDatabaseAsync("ingest_load"),
        });
        var experiment = await host.Store.CreateExperimentAsync("ingest-" + Guid.NewGuid().ToString("N"));
        var result = await IngestLoad.RunAsync(host.Http, experiment, writers: 8, pointsPerWriter: perWriter, resendEvery: 10);
        output.WriteLine($"{result.PointsSent:N0} points, {result.BatchesResent} batches resent, {result.Elapsed.TotalSeconds:F1} s, {result.PointsPerSecond:N0} points/s");

        long stored = 0;
        foreach (var runId in result.RunIds)
            stored += (await host.Store.GetMetricSummariesAsync(runId)).Sum(s => s.Count);
        Assert.True(result.BatchesResent > 0);
        Assert.Equal(8L * perWriter, stored);
    }
}
