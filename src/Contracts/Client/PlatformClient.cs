using Platform.Contracts.Api;
using Platform.Contracts.Catalog;
using Platform.Contracts.Tracking;

namespace Platform.Contracts.Client;

/// <summary>Typed client for the platform API (/api/platform/v1): the catalog, run and sweep submission, sweep state.</summary>
public sealed class PlatformClient(HttpClient http)
{
    private const string Prefix = "api/platform/v1/";

    public TrackingClient Tracking { get; } = new(http);

    public Task<IReadOnlyList<AssignmentDescriptor>> ListAssignmentsAsync(CancellationToken ct = default) =>
        ApiHttp.GetAsync<IReadOnlyList<AssignmentDescriptor>>(http, Prefix + "assignments", ct);

    public Task<SubmissionResult> SubmitRunAsync(RunSubmission submission, CancellationToken ct = default) =>
        ApiHttp.PostAsync<SubmissionResult>(http, Prefix + "runs", submission, ct);

    public Task<SubmissionResult> SubmitSweepAsync(string yaml, CancellationToken ct = default) =>
        ApiHttp.PostAsync<SubmissionResult>(http, Prefix + "sweeps", new SweepSubmission(yaml), ct);

    public Task<SweepView> GetSweepAsync(string sweepId, CancellationToken ct = default) =>
        ApiHttp.GetAsync<SweepView>(http, $"{Prefix}sweeps/{Uri.EscapeDataString(sweepId)}", ct);

    /// <summary>Every sweep, or those of one experiment.</summary>
    public Task<IReadOnlyList<SweepView>> ListSweepsAsync(string? experimentId = null, CancellationToken ct = default) =>
        ApiHttp.GetAsync<IReadOnlyList<SweepView>>(http,
            Prefix + "sweeps" + (experimentId is null ? "" : "?experiment_id=" + Uri.EscapeDataString(experimentId)), ct);

    /// <summary>The sweep with its YAML, trials (each with the sweep metric's history, at most <paramref name="maxPoints"/> points), best trial and rungs.</summary>
    public Task<SweepDetails> GetSweepDetailsAsync(string sweepId, int maxPoints = 200, CancellationToken ct = default) =>
        ApiHttp.GetAsync<SweepDetails>(http, $"{Prefix}sweeps/{Uri.EscapeDataString(sweepId)}/details?max_points={maxPoints}", ct);

    /// <summary>Checks a sweep file with the server's own parser and validator, without starting anything.</summary>
    public Task<SweepValidation> ValidateSweepAsync(string yaml, CancellationToken ct = default) =>
        ApiHttp.PostAsync<SweepValidation>(http, Prefix + "sweeps/validate", new SweepSubmission(yaml), ct);

    /// <summary>The scheduler's workers (capacity, trials, last heartbeat) and its queue.</summary>
    public Task<ClusterView> GetClusterAsync(CancellationToken ct = default) =>
        ApiHttp.GetAsync<ClusterView>(http, Prefix + "cluster", ct);

    /// <summary>Per metric of the run: min, max, latest point and count.</summary>
    public async Task<IReadOnlyList<MetricSummary>> GetMetricSummariesAsync(string runId, CancellationToken ct = default) =>
        (await ApiHttp.GetAsync<MetricSummariesResponse>(http, $"{Prefix}runs/{Uri.EscapeDataString(runId)}/metric-summaries", ct)).Summaries ?? [];

    /// <summary>The metric's history downsampled on the server (largest-triangle-three-buckets) to at most <paramref name="maxPoints"/> points.</summary>
    public Task<DownsampledHistory> GetDownsampledHistoryAsync(string runId, string key, int maxPoints = 1000, CancellationToken ct = default) =>
        ApiHttp.GetAsync<DownsampledHistory>(http,
            $"{Prefix}runs/{Uri.EscapeDataString(runId)}/metrics/{Uri.EscapeDataString(key)}?max_points={maxPoints}", ct);

    /// <summary>Appends lines to the run's log (see <see cref="BatchingRunLogger"/> for shipping them from a job); returns how many were stored.</summary>
    public async Task<int> AppendRunLogsAsync(string runId, RunLogBatch batch, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<RunLogAppendResult>(http, $"{Prefix}runs/{Uri.EscapeDataString(runId)}/logs", batch, ct)).Stored;

    /// <summary>At most <paramref name="limit"/> lines of the run's log after the cursor <paramref name="after"/> (0: from the start).</summary>
    public Task<RunLogPage> GetRunLogsAsync(string runId, long after = 0, int limit = 500, CancellationToken ct = default) =>
        ApiHttp.GetAsync<RunLogPage>(http, $"{Prefix}runs/{Uri.EscapeDataString(runId)}/logs?after={after}&limit={limit}", ct);

    /// <summary>Many runs with their downsampled histories in one request (the compare view): runs that do not exist are left out.</summary>
    public async Task<IReadOnlyList<RunHistories>> SearchHistoriesAsync(HistorySearch search, CancellationToken ct = default) =>
        (await ApiHttp.PostAsync<HistorySearchResponse>(http, Prefix + "runs/histories/search", search, ct)).Runs ?? [];

    /// <summary>Removes the run, all its data and its artifacts for good.</summary>
    public async Task PermanentlyDeleteRunAsync(string runId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Prefix}runs/{Uri.EscapeDataString(runId)}");
        await ApiHttp.SendAsync<object>(http, request, ct);
    }

    /// <summary>Removes the experiment, its runs with all their data, and its artifacts for good.</summary>
    public async Task PermanentlyDeleteExperimentAsync(string experimentId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Prefix}experiments/{Uri.EscapeDataString(experimentId)}");
        await ApiHttp.SendAsync<object>(http, request, ct);
    }

    /// <summary>The name and role of the token this client sends.</summary>
    public Task<CallerView> WhoAmIAsync(CancellationToken ct = default) => ApiHttp.GetAsync<CallerView>(http, Prefix + "whoami", ct);

    /// <summary>Creates a token (admin); the answer holds its value, which the server never shows again.</summary>
    public Task<CreatedToken> CreateTokenAsync(string name, string role, CancellationToken ct = default) =>
        ApiHttp.PostAsync<CreatedToken>(http, Prefix + "tokens", new TokenRequest(name, role), ct);

    public Task<IReadOnlyList<TokenView>> ListTokensAsync(CancellationToken ct = default) =>
        ApiHttp.GetAsync<IReadOnlyList<TokenView>>(http, Prefix + "tokens", ct);

    public async Task RevokeTokenAsync(string tokenId, CancellationToken ct = default) =>
        await ApiHttp.PostAsync<object>(http, $"{Prefix}tokens/{Uri.EscapeDataString(tokenId)}/revoke", new { }, ct);

    private sealed record MetricSummariesResponse(IReadOnlyList<MetricSummary>? Summaries);

    private sealed record RunLogAppendResult(int Stored);

    private sealed record HistorySearchResponse(IReadOnlyList<RunHistories>? Runs);
    /// <summary>Cancels the sweep and its unfinished trials; INVALID_STATE once it has ended.</summary>
    public Task<SweepView> CancelSweepAsync(string sweepId, CancellationToken ct = default) => ControlSweepAsync(sweepId, "cancel", ct);

    /// <summary>Stops suggesting and leasing the sweep's trials; running ones run on.</summary>
    public Task<SweepView> PauseSweepAsync(string sweepId, CancellationToken ct = default) => ControlSweepAsync(sweepId, "pause", ct);

    public Task<SweepView> ResumeSweepAsync(string sweepId, CancellationToken ct = default) => ControlSweepAsync(sweepId, "resume", ct);

    /// <summary>Cancels one run (a platform trial): it ends KILLED with the tag platform.outcome=CANCELLED.</summary>
    public Task<RunCancelResult> CancelRunAsync(string runId, CancellationToken ct = default) =>
        ApiHttp.PostAsync<RunCancelResult>(http, $"{Prefix}runs/{Uri.EscapeDataString(runId)}/cancel", new { }, ct);

    /// <summary>Polls until the sweep has ended (FINISHED or CANCELLED); <paramref name="onChange"/> sees each new view.</summary>
    public async Task<SweepView> WaitForSweepAsync(string sweepId, TimeSpan pollInterval, Action<SweepView>? onChange = null, CancellationToken ct = default)
    {
        string? last = null;
        while (true)
        {
            var sweep = await GetSweepAsync(sweepId, ct);
            var signature = $"{sweep.State} {string.Join(",", (sweep.Trials ?? new Dictionary<string, int>()).OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))}";
            if (signature != last)
            {
                onChange?.Invoke(sweep);
                last = signature;
            }

            if (SweepStates.IsTerminal(sweep.State))
            {
                return sweep;
            }

            await Task.Delay(pollInterval, ct);
        }
    }

    private Task<SweepView> ControlSweepAsync(string sweepId, string verb, CancellationToken ct) =>
        ApiHttp.PostAsync<SweepView>(http, $"{Prefix}sweeps/{Uri.EscapeDataString(sweepId)}/{verb}", new { }, ct);

    /// <summary>Polls until every run has ended, then returns them in the order given.</summary>
    public async Task<IReadOnlyList<Run>> WaitForRunsAsync(IReadOnlyList<string> runIds, TimeSpan pollInterval, CancellationToken ct = default)
    {
        var done = new Dictionary<string, Run>();
        while (done.Count < runIds.Count)
        {
            foreach (var id in runIds.Where(id => !done.ContainsKey(id)))
            {
                var run = await Tracking.GetRunAsync(id, ct);
                if (run.Info.Status.IsTerminal())
                {
                    done[id] = run;
                }
            }

            if (done.Count < runIds.Count)
            {
                await Task.Delay(pollInterval, ct);
            }
        }

        return runIds.Select(id => done[id]).ToArray();
    }
}
