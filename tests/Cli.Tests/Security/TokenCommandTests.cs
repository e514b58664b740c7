using Platform.Cli.Local;
using Platform.Cli.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cli.Tests.Security;

/// <summary><c>platform token</c> against a home's store and against a running platform with an admin token.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task Tokens_are_created_listed_and_revoked_in_the_home_store_and_values_are_shown_once()
    {
        using var home = new TempDirectory("platform-token-cli");
        var created = await PlatformProcess.RunAsync("token", "create", "--role", "viewer", "--name", "carol", "--home", home.Path);
        Assert.Equal(0, created.ExitCode);
        var value = created.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim();
        Assert.StartsWith("plt_", value);
        Assert.Contains("only its hash", created.StandardError);

        var id = value.Split('_')[1];
        var listed = await PlatformProcess.RunAsync("token", "list", "--home", home.Path);
        Assert.Contains($"{id}  viewer     carol", listed.StandardOutput);
        Assert.DoesNotContain(value, listed.StandardOutput);

        Assert.Equal(0, (await PlatformProcess.RunAsync("token", "revoke", id, "--home", home.Path)).ExitCode);
        Assert.Contains("revoked 20", (await PlatformProcess.RunAsync("token", "list", "--home", home.Path)).StandardOutput);
        var again = await PlatformProcess.RunAsync("token", "revoke", id, "--home", home.Path);
        Assert.Equal((2, $"error: No active token with id={id} (RESOURCE_DOES_NOT_EXIST)"), (again.ExitCode, again.StandardError.Trim()));

        var badRole = await PlatformProcess.RunAsync("token", "create", "--role", "root", "--name", "x", "--home", home.Path);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("Invalid token role 'root': one of viewer, submitter, admin", badRole.StandardError);
    }

    [Fact]
    public async Task With_server_the_commands_need_an_admin_token_from_PLATFORM_TOKEN()
    {
        using var home = new TempDirectory("platform-token-remote");
        await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Home = home.Path, Auth = true, Quiet = true });
        var server = platform.BaseAddress.ToString();

        var anonymous = await PlatformProcess.RunAsync("token", "list", "--server", server);
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("(UNAUTHENTICATED)", anonymous.StandardError);

        var admin = new Dictionary<string, string> { [PlatformHttp.TokenVariable] = platform.BootstrapAdmin!.Value };
        var created = await PlatformProcess.RunAsync(admin, "token", "create", "--role", "submitter", "--name", "dave", "--server", server);
        Assert.Equal(0, created.ExitCode);
        var submitter = new Dictionary<string, string> { [PlatformHttp.TokenVariable] = created.StandardOutput.Split('\n')[1].Trim() };
        var denied = await PlatformProcess.RunAsync(submitter, "token", "list", "--server", server);
        Assert.Equal(2, denied.ExitCode);
        Assert.Contains("'dave' (role submitter) may not call GET /api/platform/v1/tokens: needs admin (PERMISSION_DENIED)", denied.StandardError);

        var listed = await PlatformProcess.RunAsync(admin, "token", "list", "--server", server);
        Assert.Contains("dave", listed.StandardOutput);
        Assert.Contains("admin", listed.StandardOutput);
    }

    [Fact]
    public async Task A_generated_token_touches_no_store_and_works_as_admin_once_a_platform_starts_with_it_as_its_bootstrap_token()
    {
        var generated = await Task.WhenAll(PlatformProcess.RunAsync("token", "generate"), PlatformProcess.RunAsync("token", "generate"));
        var values = generated.Select(g => g.StandardOutput.Trim()).ToArray();
        Assert.All(generated, g => Assert.Equal(0, g.ExitCode));
        Assert.All(values, v => Assert.Matches("^plt_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$", v));
        Assert.NotEqual(values[0], values[1]);
        Assert.Contains("Auth__BootstrapAdminToken", generated[0].StandardError);

        using var home = new TempDirectory("platform-token-bootstrap");
        var secret = new Dictionary<string, string> { ["Auth__BootstrapAdminToken"] = values[0] };
        await using (var up = await PlatformUpProcess.StartAsync(home.Path, secret, "--auth"))
        {
            Assert.False(up.Exited, up.Output);
            var listed = await PlatformProcess.RunAsync(new Dictionary<string, string> { [PlatformHttp.TokenVariable] = values[0] },
                "token", "list", "--server", up.BaseAddress.ToString());
            Assert.Equal(0, listed.ExitCode);
            Assert.Contains($"{values[0][4..14]}  admin      bootstrap", listed.StandardOutput);
            Assert.DoesNotContain(values[0], up.Output + listed.StandardOutput);
        }

        var broken = new Dictionary<string, string> { ["Auth__BootstrapAdminToken"] = values[1][..^1] };
        await using var refused = await PlatformUpProcess.StartAsync(home.Path, broken, "--auth");
        Assert.True(refused.Exited);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: Auth:BootstrapAdminToken is not a token in the platform's format", refused.Output);
        Assert.DoesNotContain("   at ", refused.Output); // a line, not a stack trace
        Assert.DoesNotContain(values[1][15..^1], refused.Output);
    }
}
