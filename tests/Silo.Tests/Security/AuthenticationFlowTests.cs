using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

/// <summary>Tokens end to end on a secured silo: Bearer and Basic, revocation, the token API, ownership, limits, and no secret in the logs.</summary>
public sealed class AuthenticationFlowTests(SecuredPlatformFixture fixture) : IClassFixture<SecuredPlatformFixture>
{
    private SecuredPlatformHost Host => fixture.Host;

    [Fact]
    public async Task Basic_auth_with_the_token_as_password_works_as_MLflow_clients_send_it()
    {
        var token = await Host.TokenAsync(PlatformRole.Viewer, "mlflow-user");
        using var http = Host.Client(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + token)));
        var caller = await new PlatformClient(http).WhoAmIAsync();
        Assert.Equal(new CallerView("mlflow-user", "viewer"), caller);
    }

    [Theory]
    [InlineData("Bearer plt_0000000000_notarealtoken")]
    [InlineData("Bearer ")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Digest abc")]
    public async Task A_bad_or_unknown_credential_is_401_UNAUTHENTICATED_with_a_reason(string header)
    {
        using var http = Host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/2.0/mlflow/experiments/list");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("error_code").GetString());
        Assert.Contains("GET /api/2.0/mlflow/experiments/list", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once_and_the_token_api_never_lists_values()
    {
        var admin = new PlatformClient(Host.Client(await Host.TokenAsync(PlatformRole.Admin, "ops")));
        var created = await admin.CreateTokenAsync("short-lived", "viewer");
        Assert.StartsWith(ApiTokenSecrets.Prefix + created.Token.TokenId + "_", created.Value);
        var viewer = new PlatformClient(Host.Client(created.Value));
        Assert.Equal("short-lived", (await viewer.WhoAmIAsync()).Name);

        using (var raw = Host.Client(await Host.TokenAsync(PlatformRole.Admin)))
            Assert.DoesNotContain(created.Value, await raw.GetStringAsync("api/platform/v1/tokens"));
        await admin.RevokeTokenAsync(created.Token.TokenId);
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => viewer.WhoAmIAsync());
        Assert.Equal(ErrorCodes.Unauthenticated, refused.ErrorCode);
        var again = await Assert.ThrowsAsync<PlatformApiException>(() => admin.RevokeTokenAsync(created.Token.TokenId));
        Assert.Equal(ErrorCodes.ResourceDoesNotExist, again.ErrorCode);

        var badRole = await Assert.ThrowsAsync<PlatformApiException>(() => admin.CreateTokenAsync("x", "root"));
        Assert.Equal(ErrorCodes.InvalidParameterValue, badRole.ErrorCode);
        Assert.Contains("viewer, submitter, admin", badRole.Message);
    }

    [Fact]
    public async Task A_submitter_cancels_only_its_own_runs_and_sweeps_and_an_admin_any()
    {
        var alice = new PlatformClient(Host.Client(await Host.TokenAsync(PlatformRole.Submitter, "alice")));
        var bob = new PlatformClient(Host.Client(await Host.TokenAsync(PlatformRole.Submitter, "bob")));
        var admin = new PlatformClient(Host.Client(await Host.TokenAsync(PlatformRole.Admin, "root")));

        // No worker runs in this host, so the runs stay queued until cancelled.
        var run = (await alice.SubmitRunAsync(new RunSubmission("sleep", new Dictionary<string, string> { ["duration_ms"] = "60000" }))).RunIds[0];
        var denied = await Assert.ThrowsAsync<PlatformApiException>(() => bob.CancelRunAsync(run));
        Assert.Equal((ErrorCodes.PermissionDenied, 403), (denied.ErrorCode, denied.HttpStatus));
        Assert.Contains("'bob' (role submitter)", denied.Message);
        Assert.Equal("KILLED", (await alice.CancelRunAsync(run)).Status);

        var other = (await bob.SubmitRunAsync(new RunSubmission("sleep"))).RunIds[0];
        Assert.Equal("KILLED", (await admin.CancelRunAsync(other)).Status);

        var sweep = (await alice.SubmitSweepAsync("""
            assignment: sleep
            method: grid
            parameters:
              duration_ms: {values: [60000, 60001]}
            """)).SweepId!;
        Assert.Equal(ErrorCodes.PermissionDenied, (await Assert.ThrowsAsync<PlatformApiException>(() => bob.PauseSweepAsync(sweep))).ErrorCode);
        var sweepRun = (await alice.GetSweepAsync(sweep)).RunIds[0];
        Assert.Equal(ErrorCodes.PermissionDenied, (await Assert.ThrowsAsync<PlatformApiException>(() => bob.CancelRunAsync(sweepRun))).ErrorCode);
        Assert.Equal("KILLED", (await alice.CancelRunAsync(sweepRun)).Status); // a sweep's runs belong to the sweep's owner
        Assert.Equal(SweepStates.Cancelled, (await alice.CancelSweepAsync(sweep)).State);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_REQUEST_TOO_LARGE()
    {
        using var http = Host.Client(await Host.TokenAsync(PlatformRole.Submitter));
        var big = "{\"name\":\"" + new string('x', 100 * 1024) + "\"}";
        using var response = await http.PostAsync("api/2.0/mlflow/experiments/create", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("REQUEST_TOO_LARGE", error.GetProperty("error_code").GetString());
        Assert.Contains("65536", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Artifact_uploads_are_limited_per_file_and_per_run_and_downloads_are_never_active_content()
    {
        using var http = Host.Client(await Host.TokenAsync(PlatformRole.Admin));
        const string run = "api/2.0/mlflow-artifacts/artifacts/7/limits-run/artifacts";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PutAsync($"{run}/huge.bin", new ByteArrayContent(new byte[120 * 1024]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync($"{run}/a.bin", new ByteArrayContent(new byte[90 * 1024]))).StatusCode);
        using var second = await http.PutAsync($"{run}/b.bin", new ByteArrayContent(new byte[90 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Contains("per-run limit", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync($"{run}/page.html", new StringContent("<script>alert(1)</script>"))).StatusCode);
        using var download = await http.GetAsync($"{run}/page.html");
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        // Outside any run folder there is no quota to count against: refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("api/2.0/mlflow-artifacts/artifacts/7/loose.bin", new ByteArrayContent([1]))).StatusCode);
    }

    [Fact]
    public async Task Uploads_to_one_run_folder_at_once_take_turns_so_together_they_stay_within_its_limit()
    {
        // Two 90 KiB files for a run allowed 150 KiB: the second upload starts while the first is still streaming.
        using var http = Host.Client(await Host.TokenAsync(PlatformRole.Admin));
        const string run = "api/2.0/mlflow-artifacts/artifacts/7/concurrent-run/artifacts";
        var firstHalfSent = new TaskCompletionSource();
        var finishFirst = new TaskCompletionSource();
        var first = http.PutAsync($"{run}/first.bin", new HalvesContent(90 * 1024, firstHalfSent, finishFirst.Task));
        await firstHalfSent.Task;
        var folder = Path.Combine(Host.ArtifactRoot, "7", "concurrent-run", "artifacts");
        while (!Directory.Exists(folder) || Directory.GetFiles(folder, ".upload-*").Length == 0)
            await Task.Delay(10); // the server is writing the first file: its upload has the folder's turn

        var second = http.PutAsync($"{run}/second.bin", new ByteArrayContent(new byte[90 * 1024]));
        await Task.Delay(200); // unguarded, the second would now be stored in full; guarded, it waits for the first
        finishFirst.SetResult();
        using var firstResponse = await first;
        using var secondResponse = await second;

        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, secondResponse.StatusCode);
        Assert.Equal(["first.bin"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    /// <summary>A body sent in two halves, the second once <paramref name="second"/> completes (no Content-Length: chunked).</summary>
    private sealed class HalvesContent(int length, TaskCompletionSource firstHalfSent, Task second) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(new byte[length / 2]);
            await stream.FlushAsync();
            firstHalfSent.SetResult();
            await second;
            await stream.WriteAsync(new byte[length - length / 2]);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task Token_values_never_reach_the_logs()
    {
        var admin = new PlatformClient(Host.Client(await Host.TokenAsync(PlatformRole.Admin, "log-admin")));
        var created = await admin.CreateTokenAsync("log-check", "viewer");
        using (var wrong = Host.Client(created.Value + "x"))
            await wrong.GetAsync("api/platform/v1/whoami");
        using (var viewer = Host.Client(created.Value))
            await viewer.DeleteAsync("api/platform/v1/runs/nope");
        await admin.RevokeTokenAsync(created.Token.TokenId);
        using (var revoked = Host.Client(created.Value))
            await revoked.GetAsync("api/platform/v1/whoami");

        Assert.Contains(Host.Logs, l => l.Contains("unknown or revoked", StringComparison.Ordinal)); // the refusals were logged ...
        var secret = created.Value[(created.Value.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(Host.Logs, l => l.Contains(secret, StringComparison.Ordinal)); // ... without the secret
    }
}
