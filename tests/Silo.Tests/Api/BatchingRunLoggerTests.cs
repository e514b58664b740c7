using Platform.Contracts.Client;
using Platform.Silo.Store;
using Platform.Testing;

namespace Platform.Silo.Tests.Api;

/// <summary>The run logger against the real API (SQLite): what a lost answer and a cut-short send leave stored.</summary>
public sealed class BatchingRunLoggerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("run-logger");
    private TrackingApiHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TrackingApiHost.StartAsync(new StoreOptions { Provider = "sqlite", SqlitePath = Path.Combine(_dir.Path, "store.db") });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_batch_whose_answer_was_lost_is_sent_again_and_stored_once()
    {
        var runId = await NewRunIdAsync();
        // The first log request reaches the server and is stored, but its answer never comes back: the client sees a failure.
        var losing = new LoseFirstAnswer { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(losing) { BaseAddress = _host.BaseAddress };

        await using (var logger = new BatchingRunLogger(new PlatformClient(http), runId, "worker-1", TimeSpan.FromHours(1)))
        {
            logger.Log("first");
            logger.Log("second");
            await logger.FlushAsync();
        }

        Assert.Equal(2, losing.LogRequests); // the lost one, and the same batch again
        Assert.Equal(["first", "second"], (await _host.Store.GetRunLogsAsync(runId, 0, 100)).Select(l => l.Message));
    }

    private async Task<string> NewRunIdAsync()
    {
        var experiment = await _host.Store.CreateExperimentAsync("logs-" + Guid.NewGuid().ToString("N"));
        return (await _host.Store.CreateRunAsync(new NewRun(experiment, null, null, 0,
            Platform.Contracts.Tracking.RunStatus.RUNNING, []))).RunId;
    }

    private sealed class LoseFirstAnswer : DelegatingHandler
    {
        public int LogRequests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            if (request.RequestUri!.AbsolutePath.EndsWith("/logs", StringComparison.Ordinal) && Interlocked.Increment(ref LogRequests) == 1)
            {
                response.Dispose();
                throw new HttpRequestException("the connection was reset before the answer arrived");
            }

            return response;
        }
    }
}
