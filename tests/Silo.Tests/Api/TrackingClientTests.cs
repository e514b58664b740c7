using System.Text;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;
using Platform.Testing;

namespace Platform.Silo.Tests.Api;

/// <summary>The typed clients against the real API (SQLite store, local artifact root).</summary>
public sealed class TrackingClientTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("platform-client");
    private TrackingApiHost _host = null!;
    private TrackingClient _client = null!;
    private PlatformClient _platform = null!;

    public async Task InitializeAsync()
    {
        _host = await TrackingApiHost.StartAsync(new StoreOptions
        {
            Provider = "sqlite", SqlitePath = Path.Combine(_dir.Path, "t.db"), ArtifactRoot = Path.Combine(_dir.Path, "artifacts"),
        });
        _client = new TrackingClient(_host.Http);
        _platform = new PlatformClient(_host.Http);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Client_covers_the_run_lifecycle()
    {
        var exp = await _client.CreateExperimentAsync("client-" + Guid.NewGuid().ToString("N"));
        await _client.SetExperimentTagAsync(exp, "k", "v");
        await _client.UpdateExperimentAsync(exp, "renamed-" + exp + Guid.NewGuid().ToString("N")[..4]);
        var run = await _client.CreateRunAsync(exp, "r");
        var id = run.Info.RunId;
        await _client.LogMetricAsync(id, "loss", 1.5, 10, 0);
        await _client.LogParamAsync(id, "lr", "0.1");
        await _client.SetTagAsync(id, "t", "v");
        await _client.DeleteTagAsync(id, "t");
        await _client.LogInputsAsync(id, [new DatasetInput([new InputTag("context", "train")], new Dataset("d", "123", "local", "/d"))]);
        await _client.LogBatchAsync(id, [new Metric("loss", double.NaN, 11, 1), new Metric("loss", double.PositiveInfinity, 12, 2)]);
        var got = await _client.GetRunAsync(id);
        Assert.Equal(double.PositiveInfinity, got.Data.LatestMetric("loss"));
        Assert.Null(got.Data.Tag("t"));
        Assert.Equal("d", got.Inputs!.DatasetInputs.Single().Dataset.Name);

        var page = await _client.GetMetricHistoryPageAsync(id, "loss", 2);
        Assert.Equal(2, page.Metrics.Count);
        Assert.True(double.IsNaN(page.Metrics[1].Value));
        var rest = await _client.GetMetricHistoryPageAsync(id, "loss", 2, page.NextPageToken);
        Assert.Single(rest.Metrics);
        Assert.Null(rest.NextPageToken);

        var found = await _client.SearchRunsAsync([exp], "params.lr = '0.1'", orderBy: ["metrics.loss DESC"]);
        Assert.Equal(id, Assert.Single(found.Runs!).Info.RunId);

        await _client.DeleteRunAsync(id);
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => _client.LogParamAsync(id, "x", "y"));
        Assert.Equal(ErrorCodes.InvalidParameterValue, error.ErrorCode);
        await _client.RestoreRunAsync(id);
        await _client.DeleteExperimentAsync(exp);
        await _client.RestoreExperimentAsync(exp);
        Assert.Equal("active", (await _client.GetExperimentAsync(exp)).LifecycleStage);
    }

    [Fact]
    public async Task Client_uploads_lists_and_downloads_artifacts_streamed()
    {
        var exp = await _client.CreateExperimentAsync("art-" + Guid.NewGuid().ToString("N"));
        var run = await _client.CreateRunAsync(exp);
        var payload = new byte[2_000_000];
        new Random(7).NextBytes(payload);
        await _client.UploadArtifactAsync(run, "data/blob.bin", new MemoryStream(payload));
        await _client.UploadArtifactAsync(run, "readme.md", new MemoryStream(Encoding.UTF8.GetBytes("# hi")));

        Assert.Equal(["data", "readme.md"], (await _client.ListArtifactsAsync(run.Info.RunId)).Select(f => f.Path));
        var nested = Assert.Single(await _client.ListArtifactsAsync(run.Info.RunId, "data"));
        Assert.Equal(new ArtifactFileInfo("data/blob.bin", false, payload.Length), nested);
        await using var download = await _client.DownloadArtifactAsync(run, "data/blob.bin");
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy);
        Assert.Equal(payload, copy.ToArray());
        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => _client.DownloadArtifactAsync(run, "nope.txt"));
        Assert.Equal(404, missing.HttpStatus);
    }

    [Fact]
    public async Task Platform_client_reads_summaries_downsampled_history_and_deletes_for_good()
    {
        var exp = await _client.CreateExperimentAsync("plat-" + Guid.NewGuid().ToString("N"));
        var run = await _client.CreateRunAsync(exp);
        await _client.LogBatchAsync(run.Info.RunId, Enumerable.Range(0, 500).Select(i => new Metric("acc", i / 500.0, i, i)).ToList());
        var summary = Assert.Single(await _platform.GetMetricSummariesAsync(run.Info.RunId));
        Assert.Equal(new MetricSummary("acc", 0, 499 / 500.0, new Metric("acc", 499 / 500.0, 499, 499), 500), summary);
        var history = await _platform.GetDownsampledHistoryAsync(run.Info.RunId, "acc", 50);
        Assert.Equal(500, history.TotalPoints);
        Assert.Equal(50, history.Metrics.Count);

        await _client.UploadArtifactAsync(run, "f.txt", new MemoryStream([1]));
        var runFolder = Path.Combine(_dir.Path, "artifacts", exp, run.Info.RunId, "artifacts");
        Assert.True(Directory.Exists(runFolder));
        await _platform.PermanentlyDeleteRunAsync(run.Info.RunId);
        Assert.False(Directory.Exists(runFolder));
        Assert.Equal(404, (await Assert.ThrowsAsync<PlatformApiException>(() => _client.GetRunAsync(run.Info.RunId))).HttpStatus);
        await _platform.PermanentlyDeleteExperimentAsync(exp);
        Assert.Equal(404, (await Assert.ThrowsAsync<PlatformApiException>(() => _client.GetExperimentAsync(exp))).HttpStatus);
    }

    [Fact]
    public async Task The_run_logger_sends_a_batch_whose_answer_was_lost_again_and_it_is_stored_once()
    {
        var exp = await _client.CreateExperimentAsync("logs-" + Guid.NewGuid().ToString("N"));
        var runId = (await _client.CreateRunAsync(exp, "r")).Info.RunId;
        // The first log request reaches the server and is stored, but its answer never comes back: the client sees a failure.
        var losing = new LoseFirstLogAnswer { InnerHandler = new HttpClientHandler() };
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

    private sealed class LoseFirstLogAnswer : DelegatingHandler
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
