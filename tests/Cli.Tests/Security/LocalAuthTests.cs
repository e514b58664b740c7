using System.Net;
using System.Text.RegularExpressions;
using Platform.Cli.Local;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Testing;

namespace Platform.Cli.Tests.Security;

/// <summary>Local mode with <c>--auth</c>: the bootstrap admin, the worker's own token, the dashboard login, and what <c>up</c> prints.</summary>
public sealed partial class LocalAuthTests
{
    [Fact]
    public async Task With_auth_the_worker_logs_with_its_token_anonymous_calls_are_refused_and_the_admin_is_made_once()
    {
        using var home = new TempDirectory("platform-local-auth");
        var options = new EmbeddedPlatformOptions { Home = home.Path, Auth = true, Quiet = true };
        await using (var platform = await EmbeddedPlatform.StartAsync(options))
        {
            Assert.NotNull(platform.BootstrapAdmin);
            var run = (await platform.Client.SubmitRunAsync(new RunSubmission("sleep", new Dictionary<string, string> { ["steps"] = "3", ["duration_ms"] = "50" }))).RunIds[0];
            var done = (await platform.Client.WaitForRunsAsync([run], TimeSpan.FromMilliseconds(100)))[0];
            Assert.Equal(RunStatus.FINISHED, done.Info.Status);
            Assert.NotEmpty(done.Data.Metrics ?? []); // logged by the in-process worker, with its token

            using var anonymous = new HttpClient { BaseAddress = platform.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/2.0/mlflow/experiments/list")).StatusCode);
        }

        await using var restarted = await EmbeddedPlatform.StartAsync(options);
        Assert.Null(restarted.BootstrapAdmin);
    }

    [Fact]
    public async Task The_dashboard_asks_for_a_login_and_then_reads_the_api_as_that_user_without_showing_the_token()
    {
        using var home = new TempDirectory("platform-dashboard-auth");
        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Home = home.Path, Auth = true, Quiet = true, WithDashboard = true });
        await platform.Client.Tracking.CreateExperimentAsync("secured-experiment");
        var token = platform.BootstrapAdmin!.Value;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = platform.BaseAddress,
        };

        var home1 = await browser.GetAsync("");
        Assert.Equal(HttpStatusCode.Redirect, home1.StatusCode);
        Assert.StartsWith("/login", home1.Headers.Location!.PathAndQuery);

        var wrong = await browser.PostAsync("login", await LoginFormAsync(browser, token + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("unknown or revoked", wrongPage);
        Assert.DoesNotContain(token, wrongPage);

        var login = await browser.PostAsync("login", await LoginFormAsync(browser, token, "//evil.example/"));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString); // only local return addresses are followed
        using (var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = platform.BaseAddress })
        {
            // A browser drops the tab, which would leave "//evil.example/".
            var tabbed = await other.PostAsync("login", await LoginFormAsync(other, token, "/\t/evil.example/"));
            Assert.Equal("/", tabbed.Headers.Location!.OriginalString);
        }

        var page = await (await browser.GetAsync("")).Content.ReadAsStringAsync();
        Assert.Contains("secured-experiment", page); // prerendered through the API with the user's token
        Assert.DoesNotContain(token, page);
        Assert.DoesNotContain(token[(token.LastIndexOf('_') + 1)..], page);
    }

    [Fact]
    public async Task Up_says_whether_authentication_is_on_and_prints_the_bootstrap_admin_once()
    {
        using var home = new TempDirectory("platform-up-auth");
        var first = await UpUntilReadyAsync(home.Path, "--auth");
        Assert.Contains("authentication: on", first);
        Assert.Matches("Admin token \\(shown once; id [0-9a-f]{10}\\): plt_", first);
        var second = await UpUntilReadyAsync(home.Path, "--auth");
        Assert.DoesNotContain("Admin token", second);
        Assert.Contains("authentication: off", await UpUntilReadyAsync(home.Path));
    }

    private static async Task<FormUrlEncodedContent> LoginFormAsync(HttpClient browser, string token, string returnUrl = "/")
    {
        var form = await browser.GetStringAsync("login");
        var field = AntiforgeryField().Match(form);
        Assert.True(field.Success, form);
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value), ["token"] = token, ["returnUrl"] = returnUrl,
        });
    }

    /// <summary>Runs <c>platform up</c> on a free port until it says "Press Ctrl+C", then stops it; returns what it printed.</summary>
    private static async Task<string> UpUntilReadyAsync(string home, params string[] extra)
    {
        await using var up = await PlatformUpProcess.StartAsync(home, null, extra);
        return up.Output;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex AntiforgeryField();
}
